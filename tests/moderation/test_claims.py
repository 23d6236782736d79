"""Claiming an existing fiche: a holder asks, a moderator decides."""

import pytest

from moderation.models import Claim
from outbox.models import Email
from tests.moderation.conftest import decide

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/claim/"


@pytest.fixture
def seeded(make_initiative):
    return make_initiative("Wimoov", commune="commune-75056", source_name="Avise")


def ask(client, role="Directrice", message="Je dirige l’association depuis 2015."):
    return client.post("/initiatives/wimoov/revendiquer/", {"role": role, "message": message})


def test_every_fiche_offers_to_report_an_error_and_to_claim_it(visitor, seeded):
    html = visitor.get("/initiatives/wimoov/").content.decode()

    assert 'href="/initiatives/wimoov/signaler/"' in html
    assert 'href="/initiatives/wimoov/revendiquer/"' in html


def test_claiming_needs_an_account(visitor, seeded):
    response = visitor.get("/initiatives/wimoov/revendiquer/")

    assert response["Location"] == "/compte/connexion/?next=/initiatives/wimoov/revendiquer/"


def test_a_holder_asks_and_says_why(client, holder, seeded):
    client.force_login(holder)

    response = ask(client)

    assert response["Location"] == "/mon-espace/"
    claim = Claim.objects.get()
    assert (claim.user, claim.initiative, claim.status) == (holder, seeded, "pending")
    assert Email.objects.get().kind == "claim-received"
    assert "Wimoov" in client.get("/mon-espace/").content.decode()
    assert ask(client).status_code == 302 and Claim.objects.count() == 1, "once is enough"


def test_the_reason_is_required(client, holder, seeded):
    client.force_login(holder)

    response = ask(client, message="")

    assert "Ce champ est obligatoire." in response.content.decode()


def test_an_approved_claim_lets_the_holder_edit_the_fiche(client, holder, seeded, moderator_client):
    client.force_login(holder)
    ask(client)
    assert client.get("/mon-espace/fiches/wimoov/").status_code == 404

    decide(moderator_client, QUEUE, "approve", [Claim.objects.get()])

    assert list(seeded.holders.all()) == [holder]
    assert client.get("/mon-espace/fiches/wimoov/").status_code == 200
    assert Email.objects.filter(kind="claim-approved").exists()


def test_a_rejected_claim_is_told_with_its_reason(client, holder, seeded, moderator_client):
    client.force_login(holder)
    ask(client)

    decide(moderator_client, QUEUE, "reject", [Claim.objects.get()], reason="lien-non-etabli")

    assert not seeded.holders.exists()
    email = Email.objects.get(kind="claim-rejected")
    assert "lien avec l’initiative non établi" in email.body
