"""The links of a reminder: confirm, update, "arrêtée"; expired, forged, replayed."""

import datetime

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from freshness.models import Reminder
from freshness.services import reminders_send
from moderation.models import Report
from tests.mailbox import emails_to, last_email_to, links_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def email_links(due_fiche):
    """The three links of the email Marie received today: confirm, update, stopped."""
    reminders_send()
    confirm, update, stopped = [
        link for link in links_in(last_email_to("marie@example.org")) if "/actualite/" in link
    ]
    return confirm, update, stopped


def test_the_email_has_three_links_to_the_answers(email_links):
    confirm, update, stopped = email_links
    assert confirm.endswith("/confirmer/")
    assert update.endswith("/modifier/")
    assert stopped.endswith("/arretee/")


def test_opening_the_confirm_link_changes_nothing_until_the_button(visitor, email_links, due_fiche):
    confirm, _update, _stopped = email_links
    page = visitor.get(confirm)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<form method="post"' in html
    assert "Oui, la fiche est toujours d’actualité" in html
    due_fiche.refresh_from_db()
    assert due_fiche.verified_at is None  # a mail scanner opening it changes nothing


def test_confirming_verifies_the_fiche_and_thanks(visitor, email_links, due_fiche):
    confirm, _update, _stopped = email_links
    before = timezone.now()
    page = visitor.post(confirm)
    assert page.status_code == 200
    assert "Merci !" in page.content.decode()
    due_fiche.refresh_from_db()
    assert due_fiche.verified_at >= before
    assert (due_fiche.reminders_sent, due_fiche.to_verify_since) == (0, None)
    reminder = Reminder.objects.get()
    assert reminder.answer == Reminder.Answer.CONFIRMED
    fiche = visitor.get(due_fiche.get_absolute_url()).content.decode()
    assert "Vérifiée le" in fiche and "Jamais vérifiée" not in fiche


def test_a_replayed_confirmation_is_harmless_and_says_so(visitor, email_links, due_fiche):
    confirm, _update, _stopped = email_links
    visitor.post(confirm)
    due_fiche.refresh_from_db()
    verified = due_fiche.verified_at
    for replay in (visitor.get(confirm), visitor.post(confirm)):
        assert replay.status_code == 200
        assert "Réponse déjà enregistrée" in replay.content.decode()
    due_fiche.refresh_from_db()
    assert due_fiche.verified_at == verified


def test_the_confirm_button_needs_the_csrf_token(email_links, due_fiche):
    confirm, _update, _stopped = email_links
    assert Client(enforce_csrf_checks=True).post(confirm).status_code == 403
    due_fiche.refresh_from_db()
    assert due_fiche.verified_at is None


def test_stopped_creates_one_report_for_the_moderators_and_deletes_nothing(
    visitor, email_links, due_fiche
):
    _confirm, _update, stopped = email_links
    page = visitor.get(stopped)
    assert "Confirmer : l’initiative s’est arrêtée" in page.content.decode()
    assert not Report.objects.exists()

    answer = visitor.post(stopped)
    assert "Merci de nous avoir prévenus" in answer.content.decode()
    report = Report.objects.get()
    assert (report.initiative, report.reason, report.status) == (
        due_fiche,
        Report.Reason.CLOSED,
        Report.Status.OPEN,
    )
    assert report.email == ""  # the private contact is not copied anywhere
    due_fiche.refresh_from_db()
    assert due_fiche.is_published and due_fiche.to_verify_since is not None

    replay = visitor.post(stopped)
    assert "Réponse déjà enregistrée" in replay.content.decode()
    assert Report.objects.count() == 1


def test_stopped_from_an_older_reminder_does_not_create_a_second_report(visitor, due_fiche):
    reminders_send()
    # Fifteen days later, the second email: both are still valid.
    earlier = timezone.now() - datetime.timedelta(days=20)
    Reminder.objects.update(sent_at=earlier)
    due_fiche.reminded_at = earlier
    due_fiche.save(update_fields=["reminded_at"])
    reminders_send()
    stopped = [
        [link for link in links_in(email) if link.endswith("/arretee/")][0]
        for email in emails_to("marie@example.org")
    ]
    assert len(set(stopped)) == 2
    visitor.post(stopped[1])
    visitor.post(stopped[0])
    assert Report.objects.count() == 1
    assert set(Reminder.objects.values_list("answer", flat=True)) == {"stopped"}


def test_update_leads_a_holder_to_the_edit_form(marie, email_links):
    _confirm, update, _stopped = email_links
    response = marie.get(update)
    assert response.status_code == 302
    assert response["Location"] == "/mon-espace/fiches/cantine-solidaire/"
    assert marie.get(response["Location"]).status_code == 200


def test_update_asks_a_visitor_to_log_in_first(visitor, email_links):
    _confirm, update, _stopped = email_links
    edit = visitor.get(update)["Location"]
    login = visitor.get(edit)["Location"]
    assert login == "/compte/connexion/?next=/mon-espace/fiches/cantine-solidaire/"


def test_update_leads_a_private_contact_to_ask_to_manage_the_fiche(visitor, due_fiche, holder):
    due_fiche.holders.remove(holder)
    reminders_send()
    update = [
        link
        for link in links_in(last_email_to("contact@prive.cantine.example"))
        if link.endswith("/modifier/")
    ][0]
    assert visitor.get(update)["Location"] == "/initiatives/cantine-solidaire/revendiquer/"


def test_an_expired_link_says_so_and_changes_nothing(visitor, email_links, due_fiche, settings):
    confirm, _update, stopped = email_links
    Reminder.objects.update(
        sent_at=timezone.now() - datetime.timedelta(days=settings.FRESHNESS_LINK_DAYS, hours=1)
    )
    for link in (confirm, stopped):
        for response in (visitor.get(link), visitor.post(link)):
            assert response.status_code == 410
            assert "Ce lien a expiré" in response.content.decode()
    due_fiche.refresh_from_db()
    assert due_fiche.verified_at is None
    assert not Report.objects.exists()


def test_a_link_still_works_on_its_last_day(visitor, email_links, due_fiche, settings):
    confirm, _update, _stopped = email_links
    Reminder.objects.update(
        sent_at=timezone.now() - datetime.timedelta(days=settings.FRESHNESS_LINK_DAYS - 1)
    )
    assert visitor.post(confirm).status_code == 200
    due_fiche.refresh_from_db()
    assert due_fiche.verified_at is not None


def forged(link, token):
    prefix, _old, action, _end = link.rsplit("/", 3)
    return f"{prefix}/{token}/{action}/"


def test_a_forged_or_damaged_link_says_so_and_changes_nothing(visitor, email_links, due_fiche):
    confirm, _update, stopped = email_links
    token = confirm.rsplit("/", 3)[1]
    pk = Reminder.objects.get().pk
    attempts = [
        forged(confirm, token[:-3] + "abc"),  # a damaged signature
        forged(confirm, f"{pk}"),  # no signature
        forged(confirm, f"{pk + 1}:{token.split(':')[1]}"),  # another reminder's id
        forged(confirm, signing.Signer(salt="accounts").sign(str(pk))),  # another salt
        forged(stopped, "n%27importe%20quoi"),
    ]
    for link in attempts:
        for response in (visitor.get(link), visitor.post(link)):
            assert response.status_code == 400, link
            assert "Ce lien n’est pas valide" in response.content.decode()
    due_fiche.refresh_from_db()
    assert due_fiche.verified_at is None
    assert not Report.objects.exists()


def test_an_unknown_answer_is_not_found(visitor, email_links):
    confirm, _update, _stopped = email_links
    assert visitor.get(confirm.replace("/confirmer/", "/supprimer/")).status_code == 404


def test_a_link_to_an_archived_fiche_changes_nothing(visitor, email_links, due_fiche):
    confirm, _update, _stopped = email_links
    due_fiche.archive()
    response = visitor.post(confirm)
    assert "Cette fiche n’est plus publiée" in response.content.decode()
    due_fiche.refresh_from_db()
    assert (due_fiche.status, due_fiche.verified_at) == ("archived", None)


def test_answer_pages_never_show_the_private_email(visitor, email_links):
    for link in email_links[::2]:
        for response in (visitor.get(link), visitor.post(link)):
            assert "prive.cantine" not in response.content.decode()
