"""Alerts follow the new support programmes and calls of their territory and
thématiques (issue 16)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from actors.models import Call, Programme
from alerts.models import Alert, Digest
from outbox.models import Email

pytestmark = pytest.mark.django_db

CLOSING = datetime.date(2099, 3, 31)


def send_alerts():
    call_command("send_alerts", stdout=io.StringIO())


def digests():
    return list(Email.objects.filter(kind="alert-digest").order_by("pk"))


def added_days_ago(programme, days):
    Programme.objects.filter(pk=programme.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )


@pytest.fixture
def isere_programmes(make_programme):
    make_programme(
        "Fonds isérois de la mobilité", territories=["departement-38"], themes=["mobilite"]
    )
    regional = make_programme(
        "Fonds régional des transports", territories=["region-84"], themes=["mobilite"]
    )
    added_days_ago(regional, 20)
    Call.objects.create(programme=regional, name="Appel 2099", closes_on=CLOSING)
    make_programme("Fonds parisien", territories=["departement-75"], themes=["mobilite"])
    make_programme(
        "Fonds alimentaire isérois",
        territories=["departement-38"],
        themes=["agriculture-alimentation"],
    )
    make_programme(
        "Programme en préparation",
        territories=["departement-38"],
        themes=["mobilite"],
        is_published=False,
    )
    old = make_programme("Vieux fonds isérois", territories=["departement-38"], themes=["mobilite"])
    added_days_ago(old, 20)


def test_a_digest_lists_the_new_programmes_and_calls_of_its_territory_and_themes(
    confirmed_alert, isere_programmes
):
    confirmed_alert()

    send_alerts()

    [email] = digests()
    assert email.subject == "Nouveaux programmes de soutien : Mobilité — Isère (38)"
    assert "* Fonds isérois de la mobilité (subvention) — nouveau" in email.body
    assert "/programmes/fonds-iserois-de-la-mobilite/" in email.body
    assert "* Fonds régional des transports (subvention)\n" in email.body
    assert "Appel « Appel 2099 » : candidatures jusqu’au 31 mars 2099" in email.body
    for absent in ("Fonds parisien", "alimentaire", "en préparation", "Vieux fonds"):
        assert absent not in email.body
    assert Digest.objects.get().programmes == 2


def test_new_initiatives_and_programmes_come_in_one_email(
    confirmed_alert, isere_programmes, make_initiative
):
    confirmed_alert()
    make_initiative("Autopartage voironnais", themes=["mobilite"], commune="commune-38563")

    send_alerts()

    [email] = digests()
    assert email.subject == "1 nouvelle initiative : Mobilité — Isère (38)"
    assert "Autopartage voironnais" in email.body
    assert "Fonds isérois de la mobilité" in email.body


def test_programmes_and_calls_are_not_sent_twice(confirmed_alert, isere_programmes):
    alert = confirmed_alert()
    send_alerts()
    Alert.objects.filter(pk=alert.pk).update(next_digest_at=timezone.now())

    send_alerts()

    assert len(digests()) == 1


def test_an_alert_without_territory_nor_theme_gets_no_programmes(confirmed_alert, make_programme):
    make_programme("Fonds national", is_national=True)
    confirmed_alert("q=v%C3%A9lo", description="« vélo »")

    send_alerts()

    assert digests() == []
