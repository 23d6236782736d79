"""No private field ever leaves through the API: contact names and emails,
holders, drafts, pending changes, claims, reports and moderation notes, the
export settings of a source."""

import pytest
from django.contrib.auth.models import User

from initiatives.models import Initiative
from moderation.models import Action, Claim, Report
from sources.models import Source
from submissions.models import Revision

pytestmark = pytest.mark.django_db

MARKER = "zzsecretzz"


@pytest.fixture
def secrets_everywhere(make_initiative, make_actor, settings):
    settings.API_REQUESTS_PER_CLIENT_MINUTE = 10_000
    holder = User.objects.create_user(
        f"{MARKER}-porteur", f"{MARKER}@example.org", "un mot de passe solide"
    )
    actor = make_actor("France Active", contact_email=f"{MARKER}-acteur@example.org")
    make_actor(f"Acteur {MARKER} caché", slug="acteur-cache", is_published=False)
    initiative = make_initiative(
        "Wimoov",
        themes=["mobilite"],
        commune="commune-38563",
        actors=[(actor, "financeur")],
        contact_name=f"Camille {MARKER}",
        contact_email=f"{MARKER}-contact@example.org",
        carrier=actor,
    )
    initiative.holders.add(holder)
    make_initiative(f"Brouillon {MARKER}", slug="brouillon", status=Initiative.Status.DRAFT)
    make_initiative(f"En attente {MARKER}", slug="attente", status=Initiative.Status.PENDING)
    make_initiative(f"Archivée {MARKER}", slug="archivee", status=Initiative.Status.ARCHIVED)
    Revision.objects.create(initiative=initiative, author=holder, data={"name": MARKER})
    Claim.objects.create(initiative=initiative, user=holder, role="salarie", message=MARKER)
    report = Report.objects.create(
        initiative=initiative, reason="erreur", message=MARKER, email=f"{MARKER}@example.org"
    )
    Action.objects.create(initiative=initiative, report=report, kind="approve", message=MARKER)
    source = Source.objects.create(
        name="Avise",
        slug="avise",
        export_url=f"https://example.org/{MARKER}.csv",
        last_run_summary=MARKER,
    )
    source.listings.create(
        initiative=initiative, identifier=f"{MARKER}-id", page_url="https://a.org/w"
    )
    return initiative


def every_answer(client):
    urls = [
        "/api/v1/initiatives/",
        "/api/v1/initiatives/?q=" + MARKER,
        "/api/v1/initiatives/?q=wimoov",
        "/api/v1/initiatives/wimoov/",
        "/api/v1/initiatives/brouillon/",
        "/api/v1/initiatives/attente/",
        "/api/v1/initiatives/archivee/",
        "/api/v1/acteurs/",
        "/api/v1/acteurs/?q=acteur",
        "/api/v1/acteurs/france-active/",
        "/api/v1/acteurs/acteur-cache/",
        "/api/v1/territoires/?q=voiron",
        "/api/v1/territoires/commune-38563/",
        "/api/v1/thematiques/",
        "/api/v1/publics/",
        "/api/v1/sources/",
        "/api/v1/openapi.json",
        "/api/v1/docs/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        yield url, response.content.decode()


def test_no_private_field_appears_in_any_answer(visitor, secrets_everywhere):
    answers = dict(every_answer(visitor))
    # The markers are there to be found: the public fields of Wimoov are shown.
    assert "Wimoov" in answers["/api/v1/initiatives/wimoov/"]
    assert [url for url, body in answers.items() if MARKER in body] == []


def test_the_search_for_a_marker_finds_nothing_private(visitor, secrets_everywhere):
    body = visitor.get("/api/v1/initiatives/", {"q": MARKER}).json()
    assert body["total"] == 0 and body["resultats"] == []
