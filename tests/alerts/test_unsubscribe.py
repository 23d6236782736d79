import pytest
from django.test import Client

from alerts.models import Alert

pytestmark = pytest.mark.django_db


def test_the_unsubscribe_link_shows_what_it_stops_and_stops_it_on_the_button(
    visitor, confirmed_alert
):
    alert = confirmed_alert()
    link = f"/alertes/desabonnement/{alert.key}/"

    page = visitor.get(link)

    assert page.status_code == 200
    assert (
        "Ne plus recevoir les nouvelles initiatives de la recherche « Mobilité — Isère (38) »"
        in (page.content.decode())
    )
    assert Alert.objects.filter(pk=alert.pk).exists(), "a GET (a mail scanner) stops nothing"

    done = visitor.post(link)

    assert done.status_code == 200
    assert "Vous ne recevrez plus l’alerte « Mobilité — Isère (38) »" in done.content.decode()
    assert not Alert.objects.filter(pk=alert.pk).exists()


def test_a_mail_client_unsubscribes_in_one_click_without_cookie_nor_csrf_token(confirmed_alert):
    alert = confirmed_alert()
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        f"/alertes/desabonnement/{alert.key}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not Alert.objects.exists()


def test_the_other_alert_forms_still_need_their_csrf_token():
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(
        "/alertes/nouvelle/?thematique=mobilite",
        {"email": "elue@example.org", "frequency": "hebdomadaire"},
    )

    assert response.status_code == 403
    assert not Alert.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_unsubscribe_link_stops_nothing(visitor, confirmed_alert, method):
    alert = confirmed_alert()
    forged = alert.key[:-3] + ("abc" if not alert.key.endswith("abc") else "xyz")

    response = getattr(visitor, method)(f"/alertes/desabonnement/{forged}/")

    assert response.status_code == 404
    assert Alert.objects.filter(pk=alert.pk).exists()


def test_each_alert_has_its_own_unguessable_key(confirmed_alert):
    first = confirmed_alert()
    second = confirmed_alert(email="autre@example.org")

    assert first.key != second.key
    assert len(first.key) >= 43  # 256 random bits
    assert "elue" not in first.key
