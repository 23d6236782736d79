"""The programmes in the read API: /api/v1/programmes/."""

from datetime import date

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def fiso(make_actor, make_programme):
    return make_programme(
        "Fonds d’Innovation Sociale (FISO)",
        slug="fiso",
        kind="pret",
        actors=[make_actor("Bpifrance", kind="banque")],
        summary="Un prêt à taux zéro.",
        rate=0,
        amount_max=100000,
        territories=["region-84"],
        stages=["experimentation"],
        calls=[("Appel 2099", None, date(2099, 3, 31))],
    )


def test_the_list_gives_the_programmes_as_the_page_filters_them(visitor, fiso, make_programme):
    make_programme("Incubateur parisien", kind="accompagnement", territories=["departement-75"])
    make_programme("Caché", is_published=False)

    body = visitor.get("/api/v1/programmes/").json()
    assert [item["slug"] for item in body["resultats"]] == ["fiso", "incubateur-parisien"]
    assert body["resultats"][0]["porteurs"] == [{"slug": "bpifrance", "nom": "Bpifrance"}]
    assert body["resultats"][0]["prochaine_cloture"] == "2099-03-31"

    isere = visitor.get("/api/v1/programmes/", {"territoire": "departement-38"}).json()
    assert [item["slug"] for item in isere["resultats"]] == ["fiso"]
    assert visitor.get("/api/v1/programmes/", {"q": "fiso"}).json()["total"] == 1
    assert visitor.get("/api/v1/programmes/", {"ouvert": "true"}).json()["total"] == 1


def test_a_programme_comes_with_its_eligibility_and_calls(visitor, fiso):
    body = visitor.get("/api/v1/programmes/fiso/").json()

    assert body["taux"] == 0 and body["montant_max"] == 100000
    assert body["eligibilite"]["territoires"] == ["region-84"]
    assert body["eligibilite"]["etapes"] == ["experimentation"]
    assert body["appels"] == [
        {"nom": "Appel 2099", "ouverture": None, "cloture": "2099-03-31", "site_web": ""}
    ]


def test_bad_parameters_and_unknown_programmes_get_french_errors(visitor, fiso):
    response = visitor.get("/api/v1/programmes/", {"territoire": "Atlantide"})
    assert response.status_code == 400
    assert "territoire" in response.json()["champs"]
    assert visitor.get("/api/v1/programmes/inconnu/").status_code == 404
