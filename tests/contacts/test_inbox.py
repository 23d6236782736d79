"""The holder's messages, /mon-espace/messages/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import ContactRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder_client(client, holder):
    client.force_login(holder)
    return client


def test_a_visitor_is_asked_to_log_in(visitor):
    response = visitor.get("/mon-espace/messages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/?next=/mon-espace/messages/")


def test_the_holder_sees_the_requests_to_their_initiatives(send, wimoov, holder_client):
    send(wimoov)
    send(
        wimoov,
        name="Dominique Lefèvre",
        email="dominique@example.net",
        sender_kind="journaliste",
        purpose="information",
        territory="",
        territory_key="",
        message="Un reportage sur la mobilité solidaire ?",
    )
    response = holder_client.get("/mon-espace/messages/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "2 demandes",
        "Camille Martin",
        "Mairie de Voiron",
        "Élu ou agent de collectivité",
        "Essaimage sur mon territoire",
        "Voiron (38500)",
        "nous aimerions une plateforme de mobilité à Voiron",
        "mailto:camille.martin@example.net",
        "Dominique Lefèvre",
        "Un reportage sur la mobilité solidaire ?",
    ):
        assert text in html, text
    assert html.index("Dominique Lefèvre") < html.index("Camille Martin"), "newest first"


def test_the_holder_can_list_essaimage_requests_only(send, wimoov, holder_client):
    send(wimoov)
    send(wimoov, purpose="information", territory="", territory_key="", name="Alex Info")
    html = holder_client.get("/mon-espace/messages/?objet=essaimage").content.decode()
    assert "Camille Martin" in html
    assert "Alex Info" not in html


def test_a_holder_of_several_initiatives_can_pick_one(
    send, wimoov, make_initiative, holder, holder_client
):
    cantine = make_initiative("Cantine solidaire")
    cantine.holders.add(holder)
    send(wimoov)
    send(cantine, name="Pour la cantine")
    html = holder_client.get("/mon-espace/messages/?fiche=cantine-solidaire").content.decode()
    assert "Pour la cantine" in html
    assert "Camille Martin" not in html


def test_nobody_else_sees_them(send, wimoov, client, other_holder, make_initiative):
    mine = make_initiative("Autre initiative")
    mine.holders.add(other_holder)
    send(wimoov)
    client.force_login(other_holder)
    html = client.get("/mon-espace/messages/").content.decode()
    assert "Camille Martin" not in html
    assert "Aucune demande de contact" in html
    html = client.get("/mon-espace/messages/?fiche=wimoov").content.decode()
    assert "Camille Martin" not in html


def test_a_user_holding_nothing_is_told_so(client, other_holder):
    client.force_login(other_holder)
    response = client.get("/mon-espace/messages/")
    assert response.status_code == 200
    assert "Vous ne gérez encore aucune fiche" in response.content.decode()


def test_spam_is_not_shown_to_the_holder(send, wimoov, holder_client):
    send(wimoov)
    ContactRequest.objects.update(is_spam=True)
    assert "Camille Martin" not in holder_client.get("/mon-espace/messages/").content.decode()


def test_the_number_of_queries_does_not_grow_with_the_requests(send, wimoov, holder_client):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert holder_client.get("/mon-espace/messages/").status_code == 200
        return len(queries)

    send(wimoov)
    few = count()
    for number in range(8):
        send(wimoov, email=f"personne{number}@example.net", meta={"REMOTE_ADDR": "203.0.113.9"})
    # Queries: session, user, held initiatives, count, the page of requests with
    # their initiatives and territories.
    assert count() == few == 5
