"""Asking to manage an actor's page: someone asks, a moderator decides."""

import pytest

from funders.models import ManagementRequest, Membership
from outbox.models import Email
from tests.moderation.conftest import decide

pytestmark = pytest.mark.django_db

QUEUE = "/admin/funders/managementrequest/"


def ask(client, role="Chargée de mission", message="Je suis l’équipe innovation sociale."):
    return client.post("/acteurs/banque-des-territoires/gerer/", {"role": role, "message": message})


def test_the_actor_page_offers_to_manage_it_and_its_portfolio(visitor, funder):
    html = visitor.get("/acteurs/banque-des-territoires/").content.decode()

    assert 'href="/acteurs/banque-des-territoires/gerer/"' in html
    assert 'href="/acteurs/banque-des-territoires/portefeuille/"' in html


def test_asking_needs_an_account(visitor, funder):
    response = visitor.get("/acteurs/banque-des-territoires/gerer/")

    assert response["Location"] == "/compte/connexion/?next=/acteurs/banque-des-territoires/gerer/"


def test_an_unpublished_actor_cannot_be_asked_for(client, lucie, make_actor):
    make_actor("Fonds caché", is_published=False)
    client.force_login(lucie)

    assert client.get("/acteurs/fonds-cache/gerer/").status_code == 404


def test_someone_asks_and_says_why_once(client, lucie, funder):
    client.force_login(lucie)

    response = ask(client)

    assert response["Location"] == "/mon-espace/"
    request = ManagementRequest.objects.get()
    assert (request.user, request.actor, request.status) == (lucie, funder, "pending")
    assert Email.objects.get(to="lucie@example.org").kind == "actor-request-received"
    space = client.get("/mon-espace/").content.decode()
    assert "Mes demandes de gestion d’un acteur" in space and "Banque des Territoires" in space
    assert ask(client).status_code == 302 and ManagementRequest.objects.count() == 1
    assert not Membership.objects.exists(), "nothing is granted before a moderator decides"
    assert client.get("/mon-espace/acteurs/banque-des-territoires/").status_code == 404


def test_the_reason_is_required(client, lucie, funder):
    client.force_login(lucie)

    response = ask(client, message="")

    assert "Ce champ est obligatoire." in response.content.decode()
    assert not ManagementRequest.objects.exists()


def test_an_approved_request_lets_the_person_manage_the_page(
    client, lucie, funder, moderator_client
):
    client.force_login(lucie)
    ask(client)

    request = ManagementRequest.objects.get()
    decide(moderator_client, QUEUE, "approve", [request], message="Bienvenue")

    assert Membership.objects.filter(actor=funder, user=lucie).exists()
    request = ManagementRequest.objects.get()
    assert request.status == "approved" and request.decided_by.username == "moderatrice"
    email = Email.objects.get(kind="actor-request-approved")
    assert email.to == "lucie@example.org" and "Bienvenue" in email.body
    assert "/mon-espace/acteurs/banque-des-territoires/" in email.body
    space = client.get("/mon-espace/").content.decode()
    assert "Les acteurs que je gère" in space
    assert 'href="/mon-espace/acteurs/banque-des-territoires/"' in space
    assert client.get("/mon-espace/acteurs/banque-des-territoires/").status_code == 200


def test_a_rejected_request_is_told_with_its_reason(client, lucie, funder, moderator_client):
    client.force_login(lucie)
    ask(client)

    decide(
        moderator_client,
        QUEUE,
        "reject",
        [ManagementRequest.objects.get()],
        reason="inverifiable",
        message="Écrivez-nous depuis une adresse de la Banque.",
    )

    assert not Membership.objects.exists()
    email = Email.objects.get(kind="actor-request-rejected")
    assert "informations impossibles à vérifier" in email.body
    assert "Écrivez-nous depuis une adresse de la Banque." in email.body
    assert client.get("/mon-espace/acteurs/banque-des-territoires/").status_code == 404


def test_a_refusal_needs_a_reason(client, lucie, funder, moderator_client):
    client.force_login(lucie)
    ask(client)

    response = decide(moderator_client, QUEUE, "reject", [ManagementRequest.objects.get()])

    assert response.status_code == 200, "the decision page again, with its error"
    assert ManagementRequest.objects.get().status == "pending"


def test_a_person_outside_moderation_cannot_decide(client, lucie, funder):
    client.force_login(lucie)
    ask(client)

    selected = [ManagementRequest.objects.get().pk]
    response = client.post(
        QUEUE, {"action": "approve", "_selected_action": selected, "post": "yes"}
    )

    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert not Membership.objects.exists()


def test_a_manager_is_sent_to_their_page(lucie_client, funder):
    response = lucie_client.get("/acteurs/banque-des-territoires/gerer/")

    assert response["Location"] == "/mon-espace/acteurs/banque-des-territoires/"


def test_moderators_read_a_request_with_the_actors_current_managers(
    client, lucie, funder, other_holder, moderator_client
):
    Membership.objects.create(actor=funder, user=other_holder)
    client.force_login(lucie)
    ask(client)
    request = ManagementRequest.objects.get()

    queue = moderator_client.get(QUEUE).content.decode()
    page = moderator_client.get(f"{QUEUE}{request.pk}/change/").content.decode()

    assert "lucie@example.org" in queue
    assert "Je suis l’équipe innovation sociale." in page
    assert "karim@example.org" in page, "who already manages the page"
    assert moderator_client.get("/admin/funders/membership/").status_code == 200
