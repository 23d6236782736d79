"""A manager edits their actor's page, and nothing else."""

import pytest

from actors.models import Actor
from funders.models import SupportLink
from outbox.models import Email
from themes.models import Theme

pytestmark = pytest.mark.django_db

PAGE = "/mon-espace/acteurs/banque-des-territoires/"


def edit(client, url=PAGE, **fields):
    data = {
        "description": "Investit dans les entreprises de l’ESS.",
        "website": "banquedesterritoires.fr",
        "contact_email": "nouveau.prive@example.org",
        "territories": ["Isère", "Ain"],
        "themes": [str(Theme.objects.get(slug="mobilite").pk)],
        **fields,
    }
    return client.post(url, data)


def test_visitors_are_sent_to_the_login_page(visitor, funder):
    response = visitor.get(PAGE)

    assert response["Location"] == f"/compte/connexion/?next={PAGE}"


def test_a_manager_edits_the_public_page_of_their_actor(lucie_client, funder):
    form = lucie_client.get(PAGE).content.decode()
    assert "Oriente, relie, investit." in form
    assert "prive.bdt@example.org" in form, "a manager sees and sets the private address"

    response = edit(lucie_client, is_national="on")

    assert response["Location"] == PAGE
    funder.refresh_from_db()
    assert funder.description == "Investit dans les entreprises de l’ESS."
    assert funder.website == "https://banquedesterritoires.fr"
    assert funder.contact_email == "nouveau.prive@example.org"
    assert funder.is_national
    assert sorted(funder.territories.values_list("code", flat=True)) == ["01", "38"]
    assert list(funder.themes.values_list("slug", flat=True)) == ["mobilite"]
    public = lucie_client.get("/acteurs/banque-des-territoires/").content.decode()
    assert "Investit dans les entreprises de l’ESS." in public and "Isère" in public
    assert "nouveau.prive@example.org" not in public


def test_the_name_and_kind_stay_with_the_moderators(lucie_client, funder):
    edit(lucie_client, name="Autre nom", kind="fondation", is_published="")

    funder.refresh_from_db()
    assert (funder.name, funder.kind, funder.is_published) == (
        "Banque des Territoires",
        Actor.Kind.BANK,
        True,
    )


def test_bad_input_is_shown_again_with_a_message_and_nothing_is_lost(lucie_client, funder):
    response = edit(lucie_client, contact_email="pas une adresse", territories=["Nullepartville"])

    html = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide." in html
    assert "Aucun territoire ne correspond à « Nullepartville »." in html
    assert "Investit dans les entreprises de l’ESS." in html, "what was typed stays"
    funder.refresh_from_db()
    assert funder.description == "Oriente, relie, investit."


def test_a_manager_cannot_edit_another_actor(lucie_client, funder, other_funder):
    url = "/mon-espace/acteurs/fondation-macif/"

    assert lucie_client.get(url).status_code == 404
    assert edit(lucie_client, url=url).status_code == 404
    assert lucie_client.get(url + "soutiens/").status_code == 404
    other_funder.refresh_from_db()
    assert other_funder.description == "Mécène."


def test_a_manager_cannot_edit_an_initiative(lucie_client, funder, make_initiative, holder):
    wimoov = make_initiative("Wimoov", actors=[(funder, "financeur")])
    wimoov.holders.add(holder)

    assert lucie_client.get("/mon-espace/fiches/wimoov/").status_code == 404
    response = lucie_client.post("/mon-espace/fiches/wimoov/", {"name": "Pris", "summary": "x"})
    assert response.status_code == 404
    assert lucie_client.post("/mon-espace/fiches/wimoov/supprimer/").status_code == 404
    wimoov.refresh_from_db()
    assert wimoov.name == "Wimoov"
    assert not wimoov.revisions.exists()


def test_a_manager_cannot_confirm_their_own_declaration(
    lucie_client, funder, make_initiative, holder
):
    wimoov = make_initiative("Wimoov")
    wimoov.holders.add(holder)
    link = SupportLink.objects.create(
        initiative=wimoov, actor=funder, role="financeur", declared_by=funder.memberships.get().user
    )

    assert lucie_client.post(f"/mon-espace/soutiens/{link.pk}/confirmer/").status_code == 404
    assert lucie_client.post(f"/mon-espace/soutiens/{link.pk}/refuser/").status_code == 404
    link.refresh_from_db()
    assert link.status == "pending"
    assert not wimoov.roles.exists()


def test_a_manager_cannot_withdraw_another_actors_declaration(
    lucie_client, funder, other_funder, make_initiative
):
    link = SupportLink.objects.create(
        initiative=make_initiative("Wimoov"), actor=other_funder, role="financeur"
    )

    url = f"/mon-espace/acteurs/fondation-macif/soutiens/{link.pk}/retirer/"
    assert lucie_client.post(url).status_code == 404
    url = f"/mon-espace/acteurs/banque-des-territoires/soutiens/{link.pk}/retirer/"
    assert lucie_client.post(url).status_code == 404
    assert SupportLink.objects.filter(pk=link.pk).exists()


def test_the_private_email_shows_nowhere_public(visitor, funder, make_initiative):
    make_initiative("Wimoov", actors=[(funder, "financeur")])

    for url in [
        "/acteurs/banque-des-territoires/",
        "/acteurs/banque-des-territoires/portefeuille/",
        "/acteurs/banque-des-territoires/portefeuille.csv",
        "/acteurs/",
    ]:
        response = visitor.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200, url
        assert b"prive.bdt@example.org" not in body, url
    assert not Email.objects.exists()
