"""/sante/: a health check for load balancers and monitoring."""

import datetime

import pytest
from django.utils import timezone

from outbox.models import Email
from outbox.services import email_queue
from sources.models import Source


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
def test_all_well_answers_200_with_figures_in_four_queries(visitor, django_assert_num_queries):
    queue_email()
    # SELECT 1; one read of the cache table; the count and age of the oldest
    # pending email; the scheduled partner sources.
    with django_assert_num_queries(4):
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


@pytest.mark.django_db
def test_a_failed_or_late_scheduled_import_answers_503(visitor):
    now = timezone.now()
    Source.objects.create(name="Réseau à jour", slug="a-jour", refresh_days=7, last_run_at=now)
    Source.objects.create(name="Réseau à la main", slug="a-la-main", refresh_days=None)
    assert visitor.get("/sante/").json()["verifications"]["importations"] == {
        "ok": True,
        "sources_programmees": 1,
        "en_echec": 0,
        "en_retard": 0,
        "derniere_il_y_a_secondes": 0,
    }

    late = Source.objects.create(
        name="Réseau en retard",
        slug="en-retard",
        refresh_days=7,
        last_run_at=now - datetime.timedelta(days=9),
    )
    response = visitor.get("/sante/")
    assert response.status_code == 503
    assert response.json()["verifications"]["importations"]["en_retard"] == 1
    # A load balancer keeps the web servers: imports are not what pages need.
    assert visitor.get("/sante/web/").status_code == 200

    late.last_run_at = now
    late.last_run_status = Source.Outcome.FAILED
    late.save()
    checks = visitor.get("/sante/").json()["verifications"]
    assert (checks["importations"]["en_echec"], checks["importations"]["en_retard"]) == (1, 0)
