import pytest

from alerts.models import Alert
from tests.alerts.conftest import subscribe
from tests.mailbox import emails_to

pytestmark = pytest.mark.django_db


def test_a_client_asking_for_many_alerts_is_told_to_wait(visitor, settings):
    settings.ALERT_LIMIT_CLIENT_HOUR = 2
    for number in range(2):
        assert subscribe(visitor, "", email=f"personne{number}@example.org").status_code == 302

    response = subscribe(visitor, "", email="encore@example.org")

    assert response.status_code == 429
    assert "Réessayez dans une heure" in response.content.decode()
    assert Alert.objects.count() == 2
    assert emails_to("encore@example.org") == []


def test_another_client_is_not_held_back_by_the_first(visitor, client, settings):
    settings.ALERT_LIMIT_CLIENT_HOUR = 1
    subscribe(visitor, "", email="premiere@example.org", REMOTE_ADDR="203.0.113.7")

    response = subscribe(client, "", email="seconde@example.org", REMOTE_ADDR="198.51.100.9")

    assert response.status_code == 302


def test_an_address_gets_a_few_confirmation_emails_a_day_at_most(visitor, settings):
    settings.ALERT_LIMIT_ADDRESS_DAY = 2
    for theme in ("mobilite", "climat"):
        subscribe(visitor, f"thematique={theme}", email="cible@example.org")

    response = subscribe(visitor, "thematique=eau", email="Cible@Example.org")

    assert response.status_code == 429
    assert "Plusieurs confirmations ont déjà été envoyées à cette adresse" in (
        response.content.decode()
    )
    assert len(emails_to("cible@example.org")) == 2


def test_an_address_follows_a_limited_number_of_searches(visitor, settings):
    settings.ALERT_MAX_PER_ADDRESS = 1
    subscribe(visitor, "thematique=mobilite")

    response = subscribe(visitor, "thematique=climat")

    assert response.status_code == 400
    assert "Cette adresse suit déjà le nombre maximal de recherches" in response.content.decode()
    assert Alert.objects.count() == 1
