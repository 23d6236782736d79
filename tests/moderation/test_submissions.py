"""The queue of fiches to review: approve to publish, or refuse with a reason."""

import pytest

from initiatives.models import Initiative
from moderation.models import Action
from outbox.models import Email
from tests.moderation.conftest import decide

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/submission/"


@pytest.fixture
def submitted(make_initiative, holder):
    initiative = make_initiative(
        "Cantine des Voironnais", status="pending", commune="commune-38563"
    )
    initiative.holders.add(holder)
    return initiative


def test_the_queue_lists_pending_fiches_only(moderator_client, submitted, make_initiative):
    make_initiative("Déjà publiée")
    make_initiative("Brouillon", status="draft")

    html = moderator_client.get(QUEUE).content.decode()

    assert "Cantine des Voironnais" in html and "marie@example.org" in html
    assert "Déjà publiée" not in html and "Brouillon" not in html


def test_approving_publishes_logs_and_tells_the_holder(moderator_client, moderator, submitted):
    response = decide(
        moderator_client, QUEUE, "approve", [submitted], message="Bienvenue dans l’annuaire !"
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Initiative.Status.PUBLISHED
    assert Initiative.objects.published().search("cantine voironnais").exists()
    action = Action.objects.get()
    assert (action.moderator, action.kind, action.initiative) == (
        moderator,
        Action.Kind.APPROVE,
        submitted,
    )
    email = Email.objects.get(kind="submission-approved")
    assert email.to == "marie@example.org"
    assert "Bienvenue dans l’annuaire !" in email.body
    assert "http://127.0.0.1:8000/initiatives/cantine-des-voironnais/" in email.body


def test_refusing_needs_a_reason_which_the_holder_receives(moderator_client, submitted):
    missing = decide(moderator_client, QUEUE, "reject", [submitted], message="Trop court")
    assert missing.status_code == 200
    assert "Ce champ est obligatoire." in missing.content.decode()

    decide(
        moderator_client,
        QUEUE,
        "reject",
        [submitted],
        reason="incomplete",
        message="Décrivez le public & les résultats.",
    )

    submitted.refresh_from_db()
    assert submitted.status == Initiative.Status.REJECTED
    email = Email.objects.get(kind="submission-rejected")
    assert "Motif : informations incomplètes ou trop vagues" in email.body
    assert "Décrivez le public & les résultats." in email.body, "plain text, not escaped"
    assert "/mon-espace/fiches/cantine-des-voironnais/" in email.body
    assert Action.objects.get().reason == "incomplete"


def test_the_decision_is_shown_on_the_initiative_and_in_the_holders_space(
    moderator_client, submitted, client, holder
):
    decide(moderator_client, QUEUE, "reject", [submitted], reason="doublon", message="Voir X.")

    page = moderator_client.get(f"/admin/initiatives/initiative/{submitted.pk}/change/")
    html = page.content.decode()
    assert "Journal de modération" in html
    assert "moderatrice" in html and "Voir X." in html
    client.force_login(holder)
    space = client.get("/mon-espace/").content.decode()
    assert "Refusée" in space and "doublon d’une fiche existante" in space


def test_a_submission_page_shows_its_content_and_decision_buttons(moderator_client, submitted):
    html = moderator_client.get(f"{QUEUE}{submitted.pk}/change/").content.decode()

    assert "Cantine des Voironnais : une initiative d’exemple." in html
    assert "Approuver et publier" in html and "Refuser, avec un motif" in html


def test_the_queue_costs_the_same_however_many_fiches_wait(
    moderator_client, make_initiative, holder, django_assert_max_num_queries
):
    for number in range(3):
        make_initiative(f"Fiche {number}", status="pending").holders.add(holder)
    moderator_client.get(QUEUE)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as three:
        moderator_client.get(QUEUE)
    for number in range(3, 13):
        make_initiative(f"Fiche {number}", status="pending").holders.add(holder)
    with CaptureQueriesContext(connection) as thirteen:
        moderator_client.get(QUEUE)

    assert len(thirteen) == len(three)
