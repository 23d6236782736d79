"""The yearly round: first email after a year, two reminders, "à vérifier",
archiving; who receives it; a run twice the same day; --dry-run."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from freshness.models import Reminder
from freshness.services import reminders_send
from initiatives.models import Initiative
from moderation.models import Action
from outbox.models import Email
from tests.freshness.conftest import day

pytestmark = pytest.mark.django_db


def sent(fiche):
    """The emails about `fiche`, as (recipient, subject), oldest first."""
    emails = Email.objects.filter(kind="freshness-reminder").order_by("created_at", "pk")
    return [(email.to, email.subject) for email in emails if fiche.name in email.subject]


def test_the_first_email_goes_a_year_after_publication_and_only_once(fiche):
    assert reminders_send(now=day(2026, 1, 9)) == []
    assert sent(fiche) == []

    reminders_send(now=day(2026, 1, 10))
    assert sent(fiche) == [("marie@example.org", "« Cantine solidaire » : toujours d’actualité ?")]
    # Run again the same day, or the next: nothing more.
    reminders_send(now=day(2026, 1, 10, hour=18))
    reminders_send(now=day(2026, 1, 11))
    assert len(sent(fiche)) == 1
    fiche.refresh_from_db()
    assert (fiche.reminders_sent, fiche.reminded_at) == (1, day(2026, 1, 10))


def test_two_reminders_then_a_fiche_to_verify_then_archived(fiche, visitor):
    reminders_send(now=day(2026, 1, 10))
    # Reminders come FRESHNESS_REMINDER_DAYS (15) apart.
    reminders_send(now=day(2026, 1, 24))
    assert len(sent(fiche)) == 1
    reminders_send(now=day(2026, 1, 25))
    reminders_send(now=day(2026, 2, 9))
    assert [subject for _to, subject in sent(fiche)] == [
        "« Cantine solidaire » : toujours d’actualité ?",
        "Rappel : « Cantine solidaire » : toujours d’actualité ?",
        "Rappel : « Cantine solidaire » : toujours d’actualité ?",
    ]
    assert list(fiche.reminders.order_by("number").values_list("number", flat=True)) == [1, 2, 3]
    assert "dernier rappel" in Email.objects.order_by("-pk").first().body

    reminders_send(now=day(2026, 2, 23))
    fiche.refresh_from_db()
    assert fiche.to_verify_since is None
    reminders_send(now=day(2026, 2, 24))
    fiche.refresh_from_db()
    assert fiche.to_verify_since == day(2026, 2, 24)
    assert len(sent(fiche)) == 3  # no fourth email
    assert "à vérifier" in visitor.get("/initiatives/cantine-solidaire/").content.decode()

    # Archived FRESHNESS_ARCHIVE_DAYS (90) after: not before.
    reminders_send(now=day(2026, 5, 24))
    fiche.refresh_from_db()
    assert fiche.status == Initiative.Status.PUBLISHED
    reminders_send(now=day(2026, 5, 25))
    fiche.refresh_from_db()
    assert (fiche.status, fiche.archived_at) == (Initiative.Status.ARCHIVED, day(2026, 5, 25))
    action = Action.objects.get(initiative=fiche)
    assert (action.kind, action.moderator) == (Action.Kind.ARCHIVE, None)
    # Never deleted.
    assert Initiative.objects.filter(pk=fiche.pk).exists()


def test_the_schedule_follows_the_settings(fiche, settings):
    settings.FRESHNESS_VERIFY_DAYS = 180
    settings.FRESHNESS_REMINDER_DAYS = 7
    reminders_send(now=day(2025, 7, 9))
    reminders_send(now=day(2025, 7, 16))
    assert len(sent(fiche)) == 2


def test_a_verification_starts_the_year_again(fiche):
    reminders_send(now=day(2026, 1, 10))
    fiche.mark_verified(day(2026, 1, 12))
    reminders_send(now=day(2026, 2, 24))
    assert len(sent(fiche)) == 1
    reminders_send(now=day(2027, 1, 11))
    assert len(sent(fiche)) == 1
    reminders_send(now=day(2027, 1, 12))
    assert len(sent(fiche)) == 2
    fiche.refresh_from_db()
    assert fiche.reminders_sent == 1


def test_each_holder_receives_it_and_never_the_private_contact(fiche, other_holder):
    fiche.holders.add(other_holder)
    reminders_send(now=day(2026, 1, 10))
    assert sorted(to for to, _subject in sent(fiche)) == ["karim@example.org", "marie@example.org"]
    reminder = Reminder.objects.get()
    assert (reminder.recipients, reminder.to_holders) == (2, True)
    assert "Vous gérez la fiche" in Email.objects.first().body


def test_without_a_holder_the_private_contact_receives_it(fiche, holder):
    fiche.holders.remove(holder)
    reminders_send(now=day(2026, 1, 10))
    assert [to for to, _subject in sent(fiche)] == ["contact@prive.cantine.example"]
    assert Reminder.objects.get().to_holders is False
    assert "Votre adresse est le contact" in Email.objects.get().body


def test_an_inactive_holder_is_skipped_for_the_private_contact(fiche, holder):
    holder.is_active = False
    holder.save()
    reminders_send(now=day(2026, 1, 10))
    assert [to for to, _subject in sent(fiche)] == ["contact@prive.cantine.example"]


def test_with_nobody_to_ask_the_fiche_goes_to_the_moderators(fiche, holder):
    fiche.holders.remove(holder)
    fiche.contact_email = ""
    fiche.save(update_fields=["contact_email"])
    moves = reminders_send(now=day(2026, 1, 10))
    assert [move.describe() for move in moves] == [
        "À vérifier (aucun destinataire) : Cantine solidaire (cantine-solidaire)"
    ]
    fiche.refresh_from_db()
    assert fiche.to_verify_since == day(2026, 1, 10)
    assert not Email.objects.exists()


def test_only_published_fiches_are_asked(make_initiative, holder):
    for status in ("draft", "pending", "rejected", "archived"):
        draft = make_initiative(f"Fiche {status}", status=status, published_at=day(2020, 1, 1))
        draft.holders.add(holder)
    assert reminders_send(now=day(2026, 1, 10)) == []
    assert not Email.objects.exists()


def test_the_command_lists_what_it_would_do_without_doing_it(fiche):
    fiche.published_at = timezone.now() - datetime.timedelta(days=400)
    fiche.save(update_fields=["published_at"])
    out = StringIO()
    call_command("send_reminders", "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [
        "E-mail n° 1 à 1 porteur(s) : Cantine solidaire (cantine-solidaire)",
        "1 fiche(s) concernée(s) ; rien n’a été fait (--dry-run).",
    ]
    assert not Email.objects.exists()
    assert not Reminder.objects.exists()

    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "marie@example.org" not in out.getvalue()  # no address in the logs
    assert out.getvalue().splitlines()[-1] == "1 fiche(s) traitée(s)."
    assert Email.objects.get().to == "marie@example.org"
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["0 fiche(s) traitée(s)."]
    assert Email.objects.count() == 1
