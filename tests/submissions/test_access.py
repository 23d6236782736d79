"""Who sees what: unpublished fiches and edit pages belong to their holders only."""

import pytest
from django.test import Client

from initiatives.models import Initiative
from tests.submissions.formdata import initiative_form

pytestmark = pytest.mark.django_db

UNPUBLISHED = ["draft", "pending", "rejected"]


@pytest.fixture
def fiches(make_initiative, holder):
    """One fiche of Marie's in each status."""
    fiches = {}
    for status in [*UNPUBLISHED, "published", "archived"]:
        fiche = make_initiative(f"Fiche {status}", status=status)
        fiche.holders.add(holder)
        fiches[status] = fiche
    return fiches


@pytest.fixture
def strangers(other_holder, moderator):
    """An anonymous visitor, another holder, a logged-in user (a moderator, out of the admin)."""
    anonymous = Client()
    karim = Client()
    karim.force_login(other_holder)
    staff = Client()
    staff.force_login(moderator)
    return {"anonymous": anonymous, "other holder": karim, "logged-in user": staff}


def private_urls(fiche):
    base = f"/mon-espace/fiches/{fiche.slug}/"
    return [base, base + "envoyer/", base + "supprimer/"]


def test_unpublished_fiches_are_404_for_everyone_but_their_holders(strangers, fiches):
    for who, client in strangers.items():
        for status in UNPUBLISHED:
            response = client.get(f"/initiatives/{fiches[status].slug}/")
            assert response.status_code == 404, (who, status)
        # Archived: its URL says so (410), with its name only.
        response = client.get(f"/initiatives/{fiches['archived'].slug}/")
        assert response.status_code == 410, who
        assert fiches["archived"].summary not in response.content.decode()


def test_edit_urls_are_404_for_anyone_else_even_when_posting(strangers, fiches):
    for who, client in strangers.items():
        for fiche in fiches.values():
            for url in private_urls(fiche):
                methods = [client.post] if url.endswith("supprimer/") else [client.get, client.post]
                for method in methods:
                    response = method(url)
                    expected = 302 if who == "anonymous" else 404  # anonymous: log in first
                    assert response.status_code == expected, (who, method.__name__, url)
    assert Initiative.objects.count() == 5, "nothing deleted"


def test_holders_reach_their_own_fiches(client, holder, fiches):
    client.force_login(holder)

    for status in [*UNPUBLISHED, "published"]:
        assert client.get(f"/mon-espace/fiches/{fiches[status].slug}/").status_code == 200
    assert client.get("/mon-espace/fiches/fiche-archived/").status_code == 404


def test_extra_posted_fields_change_nothing(client, holder, other_holder):
    client.force_login(holder)
    data = initiative_form(
        action="draft",
        status="published",
        published_at="2020-01-01",
        holders=[other_holder.pk],
        slug="autre-adresse",
        is_fictitious="on",
        source_name="Piratage",
        submitted_at="2020-01-01",
    )

    client.post("/proposer/", data)

    initiative = Initiative.objects.get()
    assert initiative.status == Initiative.Status.DRAFT
    assert initiative.published_at is None and initiative.submitted_at is None
    assert list(initiative.holders.all()) == [holder]
    assert initiative.slug == "cantine-des-voironnais"
    assert not initiative.is_fictitious and initiative.source_name == ""


def test_a_holder_cannot_publish_by_editing_a_draft(client, holder, fiches):
    client.force_login(holder)

    client.post(
        "/mon-espace/fiches/fiche-draft/", initiative_form(action="draft", status="published")
    )

    assert not Initiative.objects.published().filter(name="Cantine des Voironnais").exists()
