import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alerts.digests import digest_send
from alerts.models import Alert, Digest, SentInitiative
from carrefour import kept
from initiatives.models import Initiative
from outbox.models import Email
from outbox.services import email_send_due
from themes.catalogue import catalogue

pytestmark = pytest.mark.django_db

VOIRON = "commune-38563"
LYON = "commune-69123"


def ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


def send_alerts():
    out = io.StringIO()
    call_command("send_alerts", stdout=out)
    return out.getvalue()


def digests_to(address="elue@example.org"):
    return list(Email.objects.filter(to=address, kind="alert-digest").order_by("pk"))


@pytest.fixture
def isere_news(make_initiative):
    """Mobility in Isère: one published since the alert, and what it must not send."""
    make_initiative(
        "Covoiturage du Voironnais",
        themes=["mobilite"],
        commune=VOIRON,
        summary="Des trajets partagés entre voisins pour aller au travail.",
        published_at=ago(days=2),
    )
    make_initiative(
        "Vélo-école d'avant", themes=["mobilite"], commune=VOIRON, published_at=ago(days=9)
    )
    make_initiative(
        "Jardin partagé",
        themes=["agriculture-alimentation"],
        commune=VOIRON,
        published_at=ago(days=2),
    )
    make_initiative(
        "Navette lyonnaise", themes=["mobilite"], commune=LYON, published_at=ago(days=2)
    )
    make_initiative("Brouillon mobile", themes=["mobilite"], commune=VOIRON, status="draft")


def test_a_digest_lists_the_new_matching_initiatives_only(confirmed_alert, isere_news):
    alert = confirmed_alert()

    assert send_alerts().startswith("1 alerte(s) envoyée(s)")

    [email] = digests_to()
    assert email.subject == "1 nouvelle initiative : Mobilité — Isère (38)"
    assert "Covoiturage du Voironnais (Voiron)" in email.body
    assert "Des trajets partagés entre voisins pour aller au travail." in email.body
    assert "/initiatives/covoiturage-du-voironnais/" in email.body
    for absent in ("Vélo-école", "Jardin partagé", "Navette lyonnaise", "Brouillon mobile"):
        assert absent not in email.body
    assert f"/initiatives/?{alert.query}&tri=recent" in email.body
    unsubscribe = f"/alertes/desabonnement/{alert.key}/"
    assert unsubscribe in email.body
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email.headers["List-Unsubscribe"].endswith(f"{unsubscribe}>")
    sent = SentInitiative.objects.get()
    assert sent.initiative.name == "Covoiturage du Voironnais"
    assert sent.digest.email == email


def test_the_worker_sends_the_digest_with_its_unsubscribe_headers(confirmed_alert, isere_news):
    alert = confirmed_alert()
    send_alerts()

    assert email_send_due() == (1, 0)

    message = mail.outbox[0].message()
    assert message["List-Unsubscribe"].startswith("<http")
    assert message["List-Unsubscribe"].endswith(f"/alertes/desabonnement/{alert.key}/>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_content_type() == "text/plain"


def test_running_twice_sends_nothing_twice(confirmed_alert, isere_news):
    alert = confirmed_alert()

    send_alerts()
    second = send_alerts()

    assert second.startswith("0 alerte(s) envoyée(s), 0 sans nouveauté")
    assert len(digests_to()) == 1
    # Due again a week later: what was sent is not sent again.
    Alert.objects.filter(pk=alert.pk).update(next_digest_at=ago(seconds=1))
    assert send_alerts().startswith("0 alerte(s) envoyée(s), 1 sans nouveauté")
    assert len(digests_to()) == 1


def test_an_initiative_published_anew_is_not_sent_again(confirmed_alert, isere_news):
    alert = confirmed_alert()
    send_alerts()
    Initiative.objects.filter(slug="covoiturage-du-voironnais").update(published_at=timezone.now())
    Alert.objects.filter(pk=alert.pk).update(next_digest_at=ago(seconds=1))

    send_alerts()

    assert len(digests_to()) == 1


def test_nothing_new_sends_no_email_and_waits_for_the_next_period(confirmed_alert, make_initiative):
    make_initiative("Jardin partagé", themes=["agriculture-alimentation"], commune=VOIRON)
    alert = confirmed_alert()

    assert send_alerts().startswith("0 alerte(s) envoyée(s), 1 sans nouveauté")

    assert digests_to() == []
    alert.refresh_from_db()
    assert alert.covered_until > ago(minutes=1)
    assert alert.next_digest_at > timezone.now() + datetime.timedelta(days=5)


def test_a_monthly_alert_waits_a_month_and_a_weekly_one_a_week(confirmed_alert, isere_news):
    eight_days_ago = ago(days=8)
    confirmed_alert(
        email="mensuelle@example.org",
        frequency="mensuelle",
        next_digest_at=eight_days_ago + datetime.timedelta(days=30),
    )
    confirmed_alert(email="hebdo@example.org")

    send_alerts()

    assert digests_to("mensuelle@example.org") == []
    assert len(digests_to("hebdo@example.org")) == 1


def test_an_unconfirmed_alert_gets_nothing(confirmed_alert, isere_news):
    confirmed_alert(confirmed_at=None)

    send_alerts()

    assert digests_to() == []


def test_a_digest_keeps_the_rhythm_of_its_alert(confirmed_alert, isere_news):
    alert = confirmed_alert()
    due = alert.next_digest_at

    send_alerts()

    alert.refresh_from_db()
    assert alert.next_digest_at == due + datetime.timedelta(days=7)


def test_a_long_digest_lists_the_first_and_links_to_the_rest(
    settings, confirmed_alert, make_initiative
):
    settings.ALERT_DIGEST_MAX_INITIATIVES = 2
    for number in range(3):
        make_initiative(f"Autopartage {number}", themes=["mobilite"], commune=VOIRON)
    confirmed_alert()

    send_alerts()

    [email] = digests_to()
    assert email.subject.startswith("3 nouvelles initiatives")
    assert "Et 1 autre." in email.body
    assert Digest.objects.get().count == 3
    assert SentInitiative.objects.count() == 2


def test_an_alert_whose_search_no_longer_reads_never_sends_the_whole_directory(
    confirmed_alert, make_actor, make_initiative
):
    actor = make_actor("Fondation disparue", is_published=True)
    make_initiative("Sans rapport", themes=["mobilite"], commune=VOIRON)
    confirmed_alert(query=f"acteur={actor.slug}")
    actor.is_published = False
    actor.save()

    assert "1 dont la recherche n’est plus valide" in send_alerts()

    assert digests_to() == []


def test_a_digest_costs_the_same_queries_however_many_initiatives_it_lists(
    confirmed_alert, make_initiative
):
    few = confirmed_alert(email="peu@example.org")
    make_initiative("Autopartage 0", themes=["mobilite"], commune=VOIRON)
    catalogue()  # As send_alerts reads it once for all its alerts.
    with CaptureQueriesContext(connection) as one:
        assert digest_send(few.pk) == "sent"
    many = confirmed_alert(email="beaucoup@example.org")
    for number in range(1, 6):
        make_initiative(f"Autopartage {number}", themes=["mobilite"], commune=VOIRON)
    catalogue()  # As send_alerts reads it once for all its alerts.
    kept.forget()  # The place of each alert read afresh, as the first one's.
    with CaptureQueriesContext(connection) as six:
        assert digest_send(many.pk) == "sent"

    assert Digest.objects.get(alert=many).count == 6
    # Savepoint, the alert locked, the territory of its search, the cards, the
    # new programmes (none), the outbox email, the digest, the initiatives
    # sent, the alert saved, release.
    assert len(six) == len(one) == 10
