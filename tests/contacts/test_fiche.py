"""What the fiche and the actor page show of contact requests."""

import pytest
from django.core import mail

from contacts.models import ContactRequest
from outbox.services import email_send_due
from tests.contacts.conftest import contact_data

pytestmark = pytest.mark.django_db


def test_the_fiche_offers_to_contact_and_to_propose_an_essaimage(visitor, wimoov):
    html = visitor.get("/initiatives/wimoov/").content.decode()
    assert 'href="/initiatives/wimoov/contacter/"' in html
    assert "Contacter" in html
    assert 'href="/initiatives/wimoov/contacter/?profil=elu&amp;objet=essaimage"' in html
    assert "territoire intéressé" not in html


def test_the_fiche_counts_distinct_territories_asking_for_an_essaimage(send, visitor, wimoov):
    send(wimoov, territory_key="commune-38563")
    send(wimoov, territory_key="commune-38563", email="deuxieme@example.net")
    send(wimoov, territory_key="departement-26", territory="Drôme")
    send(wimoov, territory_key="commune-69123", territory="Lyon")
    # Not counted: a citizen, another purpose, spam.
    send(wimoov, territory_key="commune-01053", sender_kind="citoyen")
    send(wimoov, territory_key="commune-01053", purpose="partenariat")
    send(wimoov, territory_key="commune-93048", email="spam@example.net")
    ContactRequest.objects.filter(sender_email="spam@example.net").update(is_spam=True)
    html = visitor.get("/initiatives/wimoov/").content.decode()
    assert "3 territoires intéressés" in html


def test_one_territory_is_singular(send, visitor, wimoov):
    send(wimoov)
    assert "1 territoire intéressé</strong>" in visitor.get("/initiatives/wimoov/").content.decode()


def test_a_fiche_nobody_receives_messages_for_offers_no_form(visitor, make_initiative):
    make_initiative("Atelier sans adresse")
    html = visitor.get("/initiatives/atelier-sans-adresse/").content.decode()
    assert "/contacter/" not in html
    assert "ne reçoit pas encore de messages" in html


def test_an_actor_with_a_private_address_can_be_contacted(visitor, make_actor, client):
    actor = make_actor("France Active", contact_email="prive.franceactive@example.org")
    html = visitor.get("/acteurs/france-active/").content.decode()
    assert 'href="/acteurs/france-active/contacter/"' in html
    assert "prive.franceactive" not in html
    data = contact_data(f"actor-{actor.pk}", sender_kind="porteur-de-projet", purpose="soutien")
    response = client.post("/acteurs/france-active/contacter/", data)
    assert response["Location"] == "/acteurs/france-active/contacter/envoye/"
    contact = ContactRequest.objects.get()
    assert contact.actor == actor
    assert contact.initiative is None
    email_send_due()
    to_actor = next(m for m in mail.outbox if m.to == ["prive.franceactive@example.org"])
    assert to_actor.reply_to == ["camille.martin@example.net"]
    assert "France Active" in to_actor.subject


def test_an_actor_without_address_shows_no_contact_link(visitor, make_actor):
    make_actor("Réseau sans adresse")
    html = visitor.get("/acteurs/reseau-sans-adresse/").content.decode()
    assert "/contacter/" not in html
    response = visitor.get("/acteurs/reseau-sans-adresse/contacter/")
    assert "pas encore de destinataire" in response.content.decode()


def test_an_unpublished_actor_cannot_be_contacted(visitor, make_actor):
    make_actor("Acteur caché", is_published=False, contact_email="cache@example.org")
    assert visitor.get("/acteurs/acteur-cache/contacter/").status_code == 404
