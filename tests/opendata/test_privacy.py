"""No private field in any export or open-data page: every one is filled with
a marker that must appear nowhere."""

import pytest
from django.contrib.auth.models import User

from actors.models import Actor
from initiatives.models import Initiative, InitiativeActor
from moderation.models import Action

MARKER = "privemarqueur"

PUBLIC_URLS = [
    "/donnees/initiatives.csv",
    "/donnees/initiatives.json",
    "/donnees/initiatives.geojson",
    "/donnees/initiatives.jsonld",
    "/donnees/initiatives.csv?q=wimoov",
    "/donnees/initiatives.jsonld?acteur=fondation-macif",
    "/donnees/",
    "/donnees/schema.json",
    "/initiatives/wimoov/",
    "/initiatives/",
]


@pytest.fixture
def secrets(demo, moderator):
    """Every private field of the demo directory filled with the marker."""
    holder = User.objects.create_user(f"{MARKER}@example.org", f"{MARKER}@example.org", "x")
    for initiative in Initiative.objects.published():
        initiative.contact_name = f"Camille {MARKER}"
        initiative.contact_email = f"{MARKER}@example.org"
        initiative.save(update_fields=["contact_name", "contact_email"])
        initiative.holders.add(holder)
    Actor.objects.update(contact_email=f"{MARKER}@example.org")
    hidden = Actor.objects.create(
        name=f"Acteur {MARKER}", slug=f"acteur-{MARKER}", kind="financeur", is_published=False
    )
    wimoov = Initiative.objects.get(slug="wimoov")
    wimoov.carrier = hidden
    wimoov.save(update_fields=["carrier"])
    InitiativeActor.objects.create(initiative=wimoov, actor=hidden, role="financeur")
    Action.objects.create(
        initiative=wimoov, moderator=moderator, kind="approve", message=f"Note {MARKER}"
    )
    for status in ("draft", "pending", "rejected", "archived"):
        Initiative.objects.create(
            name=f"Fiche {status} {MARKER}",
            slug=f"fiche-{status}-{MARKER}",
            summary=MARKER,
            status=status,
        )


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_no_private_field_appears_in_any_export_or_page(secrets, visitor, url):
    response = visitor.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"wimoov" in body or "donnees" in url
    assert MARKER.encode() not in body
