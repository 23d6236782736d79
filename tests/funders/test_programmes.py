"""A manager keeps the programmes of their actor and their calls."""

import datetime

import pytest

from actors.models import Call, Programme

pytestmark = pytest.mark.django_db

PROGRAMMES = "/mon-espace/acteurs/banque-des-territoires/programmes/"


def calls(*rows, initial=0):
    """The fields of the calls' formset: each row (name, opens_on, closes_on, pk or "")."""
    data = {
        "appels-TOTAL_FORMS": str(len(rows)),
        "appels-INITIAL_FORMS": str(initial),
        "appels-MIN_NUM_FORMS": "0",
        "appels-MAX_NUM_FORMS": "20",
    }
    for index, (name, opens_on, closes_on, pk) in enumerate(rows):
        data |= {
            f"appels-{index}-name": name,
            f"appels-{index}-opens_on": opens_on,
            f"appels-{index}-closes_on": closes_on,
            f"appels-{index}-id": pk,
        }
    return data


def programme(**fields):
    return {
        "name": "Prêts solidaires",
        "kind": "pret",
        "summary": "Des prêts à taux zéro pour les entreprises sociales.",
        "is_published": "on",
        "offer": "De 30 000 à 100 000 €, sans garantie personnelle.",
        "amount_min": "30000",
        "amount_max": "100000",
        "rate": "0",
        "territories": ["Auvergne-Rhône-Alpes"],
        "stages": ["experimentation", "consolidation"],
        **fields,
    }


def test_a_manager_adds_a_programme_with_a_call(lucie_client, funder, visitor):
    data = programme() | calls(("Appel 2099", "2099-01-05", "2099-03-31", ""))

    response = lucie_client.post(PROGRAMMES + "nouveau/", data)

    assert response["Location"] == PROGRAMMES
    added = Programme.objects.get()
    assert added.slug == "prets-solidaires"
    assert list(added.actors.all()) == [funder]
    assert (added.amount_min, added.amount_max, added.rate) == (30000, 100000, 0)
    assert list(added.territories.values_list("code", flat=True)) == ["84"]
    assert added.stages == ["experimentation", "consolidation"]
    call = Call.objects.get()
    assert (call.name, call.opens_on, call.closes_on) == (
        "Appel 2099",
        datetime.date(2099, 1, 5),
        datetime.date(2099, 3, 31),
    )
    page = visitor.get("/programmes/prets-solidaires/").content.decode()
    assert "Des prêts à taux zéro pour les entreprises sociales." in page
    assert "Prêts solidaires" in lucie_client.get(PROGRAMMES).content.decode()


def test_a_manager_edits_a_programme_and_its_calls(lucie_client, funder, make_programme):
    fiso = make_programme(
        "FISO",
        actors=[funder],
        kind="pret",
        calls=[("Appel 2098", None, datetime.date(2098, 6, 30))],
    )
    old = Call.objects.get()
    form = lucie_client.get(f"{PROGRAMMES}fiso/").content.decode()
    assert "Appel 2098" in form

    data = programme(name="FISO", is_permanent="on") | calls(
        ("Appel 2098", "", "2098-06-30", str(old.pk)),
        ("Appel 2099", "2099-01-01", "2099-02-28", ""),
        initial=1,
    )
    data["appels-0-DELETE"] = "on"
    response = lucie_client.post(f"{PROGRAMMES}fiso/", data)

    assert response["Location"] == PROGRAMMES
    fiso.refresh_from_db()
    assert fiso.is_permanent and fiso.slug == "fiso"
    assert list(fiso.calls.values_list("name", flat=True)) == ["Appel 2099"]
    assert list(fiso.actors.all()) == [funder], "the actors running it stay"


def test_reversed_dates_and_amounts_are_refused_with_a_french_message(lucie_client, funder):
    data = programme(amount_min="100000", amount_max="30000") | calls(
        ("Appel 2099", "2099-03-31", "2099-01-05", "")
    )

    response = lucie_client.post(PROGRAMMES + "nouveau/", data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Le montant maximum doit être supérieur ou égal au minimum." in html
    assert "Prêts solidaires" in html, "what was typed stays"
    assert not Programme.objects.exists()
    data["amount_min"], data["amount_max"] = "30000", "100000"
    html = lucie_client.post(PROGRAMMES + "nouveau/", data).content.decode()
    assert "L’appel doit ouvrir avant sa clôture." in html
    assert not Programme.objects.exists() and not Call.objects.exists()


def test_a_manager_cannot_edit_another_actors_programme(
    lucie_client, funder, other_funder, make_programme
):
    theirs = make_programme("Prix MACIF", actors=[other_funder], kind="prix")

    assert lucie_client.get(f"{PROGRAMMES}prix-macif/").status_code == 404
    response = lucie_client.post(f"{PROGRAMMES}prix-macif/", programme() | calls())
    assert response.status_code == 404
    url = "/mon-espace/acteurs/fondation-macif/programmes/prix-macif/"
    assert lucie_client.post(url, programme() | calls()).status_code == 404
    assert lucie_client.get("/mon-espace/acteurs/fondation-macif/programmes/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Prix MACIF"


def test_a_programme_run_with_another_actor_is_edited_by_both(
    lucie_client, funder, other_funder, make_programme
):
    make_programme("Fonds commun", actors=[funder, other_funder], kind="subvention")

    response = lucie_client.post(
        f"{PROGRAMMES}fonds-commun/", programme(name="Fonds commun", kind="subvention") | calls()
    )

    assert response.status_code == 302
    assert set(Programme.objects.get().actors.all()) == {funder, other_funder}


def test_the_programmes_page_costs_the_same_however_many(
    lucie_client, funder, make_programme, django_assert_num_queries
):
    for name in ["Un", "Deux", "Trois"]:
        make_programme(name, actors=[funder], calls=[("Appel", None, datetime.date(2099, 1, 1))])
    # Session, user, the actor among those managed, its programmes, their calls.
    with django_assert_num_queries(5):
        html = lucie_client.get(PROGRAMMES).content.decode()
    assert html.count("Appel : ") == 3
