import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alerts.models import Alert
from tests.alerts.conftest import subscribe_and_confirm

pytestmark = pytest.mark.django_db


def test_the_space_lists_the_alerts_confirmed_for_the_account_address(marie, confirmed_alert):
    search = "thematique=mobilite&territoire=commune-38563"
    # Asked for without signing in, from another browser.
    subscribe_and_confirm(Client(), search, "MARIE@example.org")
    confirmed_alert(
        "thematique=climat", email="marie@example.org", description="Climat — Isère (38)"
    )
    confirmed_alert(
        "thematique=eau", email="marie@example.org", description="Pas confirmée", confirmed_at=None
    )
    confirmed_alert(email="karim@example.org", description="L’alerte de Karim")

    html = marie.get("/mon-espace/").content.decode()

    assert '<section id="alertes">' in html
    assert "Mobilité à Voiron</a>" in html
    assert "Climat — Isère (38)</a>" in html
    assert "Pas confirmée" not in html
    assert "L’alerte de Karim" not in html


def test_a_user_changes_the_frequency_of_an_alert(marie, confirmed_alert):
    alert = confirmed_alert(email="marie@example.org")

    response = marie.post(f"/mon-espace/alertes/{alert.pk}/frequence/", {"frequency": "mensuelle"})

    assert response.status_code == 302
    assert response["Location"] == "/mon-espace/#alertes"
    alert.refresh_from_db()
    assert alert.frequency == "mensuelle"
    assert alert.next_digest_at - alert.covered_until == datetime.timedelta(days=30)
    page = marie.get("/mon-espace/").content.decode()
    assert "est maintenant envoyée chaque mois" in page
    assert '<option value="mensuelle" selected>' in page


def test_a_user_deletes_an_alert(marie, confirmed_alert):
    alert = confirmed_alert(email="marie@example.org")

    response = marie.post(f"/mon-espace/alertes/{alert.pk}/supprimer/")

    assert response.status_code == 302
    assert not Alert.objects.exists()
    assert (
        "L’alerte « Mobilité — Isère (38) » est supprimée."
        in marie.get("/mon-espace/").content.decode()
    )


def test_a_user_cannot_touch_the_alerts_of_another_address(marie, confirmed_alert):
    alert = confirmed_alert(email="karim@example.org")

    deleting = marie.post(f"/mon-espace/alertes/{alert.pk}/supprimer/")
    changing = marie.post(f"/mon-espace/alertes/{alert.pk}/frequence/", {"frequency": "mensuelle"})

    assert (deleting.status_code, changing.status_code) == (404, 404)
    alert.refresh_from_db()
    assert alert.frequency == "hebdomadaire"


def test_managing_alerts_needs_an_account(visitor, confirmed_alert):
    alert = confirmed_alert()

    response = visitor.post(f"/mon-espace/alertes/{alert.pk}/supprimer/")

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")
    assert Alert.objects.exists()


def test_a_wrong_frequency_changes_nothing(marie, confirmed_alert):
    alert = confirmed_alert(email="marie@example.org")

    marie.post(f"/mon-espace/alertes/{alert.pk}/frequence/", {"frequency": "chaque-heure"})

    alert.refresh_from_db()
    assert alert.frequency == "hebdomadaire"
    assert "Choisissez une fréquence proposée." in marie.get("/mon-espace/").content.decode()


def test_the_space_costs_the_same_however_many_alerts_it_lists(marie, confirmed_alert):
    confirmed_alert(email="marie@example.org", query="thematique=eau")
    marie.get("/mon-espace/")
    with CaptureQueriesContext(connection) as one:
        marie.get("/mon-espace/")
    for theme in ("climat", "mobilite", "energie", "culture"):
        confirmed_alert(email="marie@example.org", query=f"thematique={theme}")
    with CaptureQueriesContext(connection) as five:
        response = marie.get("/mon-espace/")

    assert response.content.decode().count("/frequence/") == 5
    # Session, user, initiatives (none: nothing to prefetch), claims, alerts;
    # actors managed, requests to manage one, support links to confirm.
    assert len(five) == len(one) == 8
