"""Signaler une erreur: open to visitors, rate limited, read by moderators."""

import pytest

from moderation.models import Action, Report
from tests.moderation.conftest import decide

pytestmark = pytest.mark.django_db

URL = "/initiatives/wimoov/signaler/"


@pytest.fixture
def wimoov(make_initiative):
    return make_initiative("Wimoov", commune="commune-75056")


def report(client, extra=None, **fields):
    data = {"reason": "erreur", "message": "Le site a changé.", **fields}
    return client.post(URL, data, **(extra or {}))


def test_a_visitor_reports_an_error_in_french(visitor, wimoov):
    page = visitor.get(URL).content.decode()
    assert "l’initiative n’existe plus" in page and "le contenu est inapproprié" in page

    response = report(visitor, email="lecteur@example.org")

    assert response["Location"] == "/initiatives/wimoov/"
    saved = Report.objects.get()
    assert (saved.reason, saved.message, saved.email) == (
        "erreur",
        "Le site a changé.",
        "lecteur@example.org",
    )
    assert "127.0.0.1" not in saved.client, "only a keyed digest of the address"
    assert "Merci" in visitor.get("/initiatives/wimoov/").content.decode()


def test_a_reason_from_the_list_is_required(visitor, wimoov):
    response = visitor.post(URL, {"reason": "autre-chose"})

    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Report.objects.exists()


def test_unpublished_fiches_cannot_be_reported(visitor, make_initiative):
    make_initiative("Brouillon", status="draft")

    assert visitor.get("/initiatives/brouillon/signaler/").status_code == 404


def test_one_client_sends_five_reports_an_hour_at_most(visitor, wimoov):
    for _ in range(5):
        report(visitor)

    response = report(visitor)

    assert response.status_code == 429
    assert "Réessayez dans une heure" in response.content.decode()
    assert Report.objects.count() == 5
    other = report(visitor, extra={"REMOTE_ADDR": "192.0.2.9"})
    assert other.status_code == 302


def test_robots_filling_the_hidden_field_are_thanked_and_ignored(visitor, wimoov):
    response = report(visitor, website="http://spam.example")

    assert response.status_code == 302
    assert not Report.objects.exists()


def test_moderators_see_open_reports_and_close_them(moderator_client, visitor, wimoov):
    report(visitor)
    queue = moderator_client.get("/admin/moderation/report/").content.decode()
    assert "Wimoov" in queue and "Le site a changé." in queue
    fiche = moderator_client.get(f"/admin/initiatives/initiative/{wimoov.pk}/change/")
    assert "Signalements à traiter" in fiche.content.decode()

    decide(
        moderator_client,
        "/admin/moderation/report/",
        "resolve",
        [Report.objects.get()],
        message="Site corrigé.",
    )

    assert Report.objects.get().status == Report.Status.RESOLVED
    assert Action.objects.get().kind == Action.Kind.RESOLVE
    assert "Wimoov" not in moderator_client.get("/admin/moderation/report/").content.decode()


def test_reports_from_one_ipv6_network_share_their_limit(visitor, wimoov):
    for number in range(5):
        report(visitor, extra={"REMOTE_ADDR": f"2001:db8:1:2::{number + 1}"})

    response = report(visitor, extra={"REMOTE_ADDR": "2001:db8:1:2:ffff::9"})

    assert response.status_code == 429
    assert Report.objects.count() == 5
    assert report(visitor, extra={"REMOTE_ADDR": "2001:db8:1:3::1"}).status_code == 302
