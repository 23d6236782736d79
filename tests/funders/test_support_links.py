"""Support links: a manager declares, the initiative's holders (or, without
holders, a moderator) confirm; nothing shows before."""

import pytest
from django.test import Client

from funders.models import SupportLink
from initiatives import directory
from initiatives.models import Initiative, InitiativeActor
from outbox.models import Email
from tests.moderation.conftest import decide

pytestmark = pytest.mark.django_db

SUPPORTS = "/mon-espace/acteurs/banque-des-territoires/soutiens/"


@pytest.fixture
def wimoov(make_initiative, holder):
    initiative = make_initiative("Wimoov", commune="commune-38563")
    initiative.holders.add(holder)
    return initiative


@pytest.fixture
def fiso(funder, make_programme):
    return make_programme("FISO", actors=[funder], kind="pret")


def declare(client, initiative="Wimoov", role="financeur", **fields):
    return client.post(SUPPORTS, {"initiative": initiative, "role": role, **fields})


def shown_actor_ids(initiative):
    return Initiative.objects.get(pk=initiative.pk).actor_ids


def test_a_declared_support_waits_and_shows_nowhere(lucie_client, funder, wimoov, fiso, visitor):
    response = declare(lucie_client, programme=fiso.pk, year="2021", message="Prêt de 20 000 €.")

    assert response["Location"] == SUPPORTS
    link = SupportLink.objects.get()
    assert (link.initiative, link.actor, link.role, link.programme, link.year, link.status) == (
        wimoov,
        funder,
        "financeur",
        fiso,
        2021,
        "pending",
    )
    assert not InitiativeActor.objects.exists()
    assert shown_actor_ids(wimoov) == []
    assert visitor.get("/initiatives/wimoov/").context["roles"] == []
    assert directory.search({"acteur": "banque-des-territoires"}).count == 0
    assert "En attente" in lucie_client.get(SUPPORTS).content.decode()
    email = Email.objects.get(kind="support-declared")
    assert email.to == "marie@example.org"
    assert "Banque des Territoires" in email.body and "Prêt de 20 000 €." in email.body


def test_a_holder_confirms_in_one_click_and_the_support_shows(
    lucie_client, funder, wimoov, fiso, marie, visitor
):
    declare(lucie_client, programme=fiso.pk, year="2021")
    space = marie.get("/mon-espace/").content.decode()
    link = SupportLink.objects.get()
    assert "Soutiens à confirmer" in space
    assert f'action="/mon-espace/soutiens/{link.pk}/confirmer/"' in space

    response = marie.post(f"/mon-espace/soutiens/{link.pk}/confirmer/")

    assert response["Location"] == "/mon-espace/"
    role = InitiativeActor.objects.get()
    assert (role.initiative, role.actor, role.role, role.programme, role.year) == (
        wimoov,
        funder,
        "financeur",
        fiso,
        2021,
    )
    link.refresh_from_db()
    assert link.status == "approved" and link.decided_by.email == "marie@example.org"
    assert shown_actor_ids(wimoov) == [funder.pk], "the search index is refreshed"
    assert [card.name for card in directory.search({"acteur": funder.slug}).cards] == ["Wimoov"]
    fiche = visitor.get("/initiatives/wimoov/").content.decode()
    assert (
        'Banque des Territoires</a> — financeur (<a href="/programmes/fiso/">FISO</a>, 2021)'
        in fiche
    )
    assert Email.objects.get(kind="support-approved").to == "lucie@example.org"
    assert "Soutiens à confirmer" not in marie.get("/mon-espace/").content.decode()


def test_a_holder_refuses_and_nothing_shows(lucie_client, funder, wimoov, marie):
    declare(lucie_client)
    link = SupportLink.objects.get()

    marie.post(f"/mon-espace/soutiens/{link.pk}/refuser/")

    link.refresh_from_db()
    assert link.status == "rejected"
    assert not InitiativeActor.objects.exists()
    assert shown_actor_ids(wimoov) == []
    assert Email.objects.get(kind="support-refused").to == "lucie@example.org"
    assert "Refusé" in lucie_client.get(SUPPORTS).content.decode()


def test_only_the_initiatives_holders_decide(lucie_client, wimoov, other_holder):
    declare(lucie_client)
    link = SupportLink.objects.get()
    karim = Client()
    karim.force_login(other_holder)

    assert karim.post(f"/mon-espace/soutiens/{link.pk}/confirmer/").status_code == 404
    assert karim.post(f"/mon-espace/soutiens/{link.pk}/refuser/").status_code == 404
    assert "Soutiens à confirmer" not in karim.get("/mon-espace/").content.decode()
    link.refresh_from_db()
    assert link.status == "pending"


def test_a_decision_is_a_post_and_is_made_once(lucie_client, wimoov, marie):
    declare(lucie_client)
    link = SupportLink.objects.get()

    assert marie.get(f"/mon-espace/soutiens/{link.pk}/confirmer/").status_code == 405
    marie.post(f"/mon-espace/soutiens/{link.pk}/confirmer/")
    assert marie.post(f"/mon-espace/soutiens/{link.pk}/refuser/").status_code == 404
    assert InitiativeActor.objects.count() == 1


def test_without_holders_a_moderator_decides(
    lucie_client, funder, make_initiative, moderator_client
):
    orphan = make_initiative("Villages Vivants", commune="commune-26281")
    response = declare(lucie_client, initiative="villages vivants")
    page = lucie_client.get(response["Location"]).content.decode()
    assert "l’équipe de modération va le vérifier" in page
    link = SupportLink.objects.get()
    assert not Email.objects.filter(kind="support-declared").exists()
    queue = moderator_client.get("/admin/funders/supportlink/?decide=moderation").content.decode()
    assert "Villages Vivants" in queue

    decide(moderator_client, "/admin/funders/supportlink/", "approve", [link])

    assert InitiativeActor.objects.get().initiative == orphan
    assert shown_actor_ids(orphan) == [funder.pk]


def test_the_fiche_is_found_by_its_address_and_only_if_published(
    lucie_client, wimoov, make_initiative
):
    make_initiative("Brouillon", status=Initiative.Status.DRAFT)

    address = "https://carrefour.example/initiatives/wimoov/"
    assert declare(lucie_client, initiative=address).status_code == 302
    response = declare(lucie_client, initiative="Brouillon")

    assert "Aucune fiche publiée de ce nom." in response.content.decode()
    assert SupportLink.objects.count() == 1


def test_a_support_is_declared_once(lucie_client, funder, wimoov):
    declare(lucie_client)

    response = declare(lucie_client)

    assert "Ce soutien attend déjà la confirmation des porteurs." in response.content.decode()
    assert SupportLink.objects.count() == 1
    InitiativeActor.objects.create(initiative=wimoov, actor=funder, role="accompagnateur")
    response = declare(lucie_client, role="accompagnateur")
    assert "Ce soutien figure déjà sur la fiche." in response.content.decode()


def test_a_programme_of_another_actor_cannot_be_named(
    lucie_client, wimoov, other_funder, make_programme
):
    theirs = make_programme("Prix MACIF", actors=[other_funder], kind="prix")

    response = declare(lucie_client, programme=theirs.pk)

    assert response.status_code == 200
    assert "Sélectionnez un choix valide." in response.content.decode()
    assert not SupportLink.objects.exists()


def test_a_pending_declaration_can_be_withdrawn(lucie_client, wimoov, marie):
    declare(lucie_client)
    link = SupportLink.objects.get()

    lucie_client.post(f"{SUPPORTS}{link.pk}/retirer/")

    assert not SupportLink.objects.exists()
    assert marie.post(f"/mon-espace/soutiens/{link.pk}/confirmer/").status_code == 404
