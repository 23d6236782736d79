"""An archived fiche: out of every public list, its URL saying so, never
deleted; the moderators' queue of fiches to verify; restoring."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from freshness.services import reminders_send
from initiatives.models import Initiative
from moderation.models import Action
from tests.freshness.conftest import day

pytestmark = pytest.mark.django_db

QUEUE = "/admin/freshness/staleinitiative/"

PUBLIC_URLS = [
    "/initiatives/",
    "/initiatives/?q=cantine",
    "/carte/donnees.geojson?zoom=14&bbox=5.55,45.33,5.65,45.40",
    "/api/v1/initiatives/",
    "/api/v1/initiatives/?q=cantine",
    "/donnees/initiatives.csv",
    "/donnees/initiatives.json",
    "/donnees/initiatives.atom",
    "/sitemap-initiatives.xml",
    "/",
]


@pytest.fixture
def archived(make_initiative):
    """An archived fiche in Voiron, next to a published one."""
    make_initiative("Cantine ouverte", commune="commune-38563")
    initiative = make_initiative(
        "Cantine fermée", commune="commune-38563", published_at=day(2024, 1, 1)
    )
    initiative.archive(day(2026, 5, 25))
    return initiative


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_an_archived_fiche_is_in_no_list_map_export_feed_or_api(visitor, archived, url):
    response = visitor.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode()
    assert "Cantine fermée" not in text and "cantine-fermee" not in text
    if url != "/":
        assert "Cantine ouverte" in text or "cantine-ouverte" in text


def test_the_url_of_an_archived_fiche_says_it_is_archived(visitor, archived):
    response = visitor.get("/initiatives/cantine-fermee/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "<h1>Cantine fermée</h1>" in html
    assert "Cette fiche est archivée depuis le 25 mai 2026" in html
    assert "noindex" in html
    assert archived.summary not in html  # only its name


def test_the_api_does_not_serve_an_archived_fiche(visitor, archived):
    assert visitor.get("/api/v1/initiatives/cantine-fermee/").status_code == 404


def test_the_queue_lists_the_fiches_to_verify(moderator_client, fiche, make_initiative):
    make_initiative("Cantine vérifiée", published_at=day(2026, 1, 1))
    for date in (day(2026, 1, 10), day(2026, 1, 25), day(2026, 2, 9), day(2026, 2, 24)):
        reminders_send(now=date)
    response = moderator_client.get(QUEUE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cantine solidaire" in html
    assert "Cantine vérifiée" not in html
    assert "prive.cantine" not in html


def test_a_moderator_verifies_a_fiche_of_the_queue(moderator_client, moderator, fiche):
    fiche.to_verify_since = day(2026, 2, 24)
    fiche.save(update_fields=["to_verify_since"])
    response = moderator_client.post(
        QUEUE,
        {"action": "verify", "_selected_action": [fiche.pk]},
        follow=True,
    )
    assert "1 fiche vérifiée." in response.content.decode()
    fiche.refresh_from_db()
    assert fiche.to_verify_since is None and fiche.verified_at is not None
    action = Action.objects.get(initiative=fiche)
    assert (action.kind, action.moderator) == (Action.Kind.VERIFY, moderator)
    # Out of the queue; the year starts again.
    html = moderator_client.get(QUEUE).content.decode()
    assert "Cantine solidaire" not in html


def test_a_moderator_restores_an_archived_fiche(moderator_client, moderator, visitor, archived):
    response = moderator_client.post(
        "/admin/initiatives/initiative/",
        {"action": "restore", "_selected_action": [archived.pk]},
        follow=True,
    )
    assert "1 initiative restaurée." in response.content.decode()
    archived.refresh_from_db()
    assert (archived.status, archived.archived_at) == (Initiative.Status.PUBLISHED, None)
    assert archived.verified_at is not None
    assert Action.objects.get(initiative=archived).kind == Action.Kind.RESTORE
    assert visitor.get("/initiatives/cantine-fermee/").status_code == 200
    assert "Cantine fermée" in visitor.get("/initiatives/").content.decode()


def test_the_reminders_leave_an_archived_fiche_alone(archived):
    assert reminders_send(now=day(2028, 1, 1)) != []  # the open one
    archived.refresh_from_db()
    assert archived.status == Initiative.Status.ARCHIVED
    assert archived.reminders.count() == 0


def test_the_queue_reads_as_many_queries_for_three_or_thirteen(moderator_client, make_initiative):
    def add(first, count):
        for number in range(first, first + count):
            initiative = make_initiative(f"Fiche {number:02d}")
            initiative.to_verify_since = day(2026, 2, 24)
            initiative.save(update_fields=["to_verify_since"])

    add(0, 3)
    moderator_client.get(QUEUE)
    with CaptureQueriesContext(connection) as three:
        moderator_client.get(QUEUE)
    add(3, 10)
    with CaptureQueriesContext(connection) as thirteen:
        response = moderator_client.get(QUEUE)
    assert response.content.decode().count('class="action-select"') == 13
    assert len(thirteen) == len(three)
