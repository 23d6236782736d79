"""/sante/: a health check for load balancers and monitoring."""

import datetime

import pytest
from django.utils import timezone

from outbox.models import Email
from outbox.services import email_queue


def queue_email(created_at=None):
    email = email_queue(
        to="porteuse@example.org",
        template="message",
        context={"subject": "Votre fiche confidentielle", "body": "Elle est publiée."},
    )
    if created_at:
        Email.objects.filter(pk=email.pk).update(created_at=created_at)
    return email


@pytest.mark.django_db
def test_all_well_answers_200_with_figures_in_three_queries(visitor, django_assert_num_queries):
    queue_email()
    # SELECT 1; one read of the cache table; the count and age of the oldest
    # pending email.
    with django_assert_num_queries(3):
        response = visitor.get("/sante/")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["statut"] == "ok"
    assert body["verifications"]["base_de_donnees"] == {"ok": True}
    assert body["verifications"]["cache"] == {"ok": True}
    emails = body["verifications"]["courriels"]
    assert emails["ok"] is True
    assert emails["en_attente"] == 1


@pytest.mark.django_db
def test_an_email_waiting_longer_than_the_threshold_answers_503_without_private_data(
    visitor, settings
):
    settings.HEALTH_OUTBOX_MAX_AGE_MINUTES = 60
    queue_email(created_at=timezone.now() - datetime.timedelta(minutes=61))
    response = visitor.get("/sante/")
    assert response.status_code == 503
    body = response.json()
    assert body["statut"] == "erreur"
    assert body["verifications"]["courriels"]["ok"] is False
    assert body["verifications"]["courriels"]["attente_max_secondes"] >= 61 * 60
    text = response.content.decode()
    assert "porteuse" not in text and "example.org" not in text
    assert "confidentielle" not in text


@pytest.mark.django_db
def test_too_many_pending_emails_answer_503(visitor, settings):
    settings.HEALTH_OUTBOX_MAX_PENDING = 2
    for _ in range(3):
        queue_email()
    assert visitor.get("/sante/").status_code == 503
    settings.HEALTH_OUTBOX_MAX_PENDING = 3
    assert visitor.get("/sante/").status_code == 200


@pytest.mark.django_db
def test_the_load_balancer_check_ignores_the_email_backlog(visitor, settings):
    settings.HEALTH_OUTBOX_MAX_PENDING = 0
    queue_email()
    assert visitor.get("/sante/").status_code == 503
    response = visitor.get("/sante/web/")
    assert response.status_code == 200
    assert set(response.json()["verifications"]) == {"base_de_donnees", "cache"}


def test_the_database_away_answers_503(client, database_down):
    for url in ("/sante/", "/sante/web/"):
        response = client.get(url)
        assert response.status_code == 503
        checks = response.json()["verifications"]
        assert checks["base_de_donnees"] == {"ok": False, "erreur": "OperationalError"}
        # The shared cache is a table of the same database.
        assert checks["cache"] == {"ok": False, "erreur": "OperationalError"}
