"""/api/v1/ acteurs, territoires, thématiques, publics and sources."""

import pytest

from sources.models import Source
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def test_actors_are_listed_by_name_published_only(visitor, make_actor):
    make_actor("Réseau Cocagne", kind="reseau")
    make_actor("France Active")
    make_actor("Caché", is_published=False)
    body = visitor.get("/api/v1/acteurs/").json()
    assert [item["nom"] for item in body["resultats"]] == ["France Active", "Réseau Cocagne"]
    assert body["total"] == 2
    reseaux = visitor.get("/api/v1/acteurs/", {"type": "reseau"}).json()
    assert [item["slug"] for item in reseaux["resultats"]] == ["reseau-cocagne"]
    assert visitor.get("/api/v1/acteurs/", {"q": "cocagne"}).json()["total"] == 1


def test_an_actor_comes_with_its_territories_and_programmes(
    visitor, make_actor, make_programme, territory
):
    actor = make_actor("France Active", territory=territory("region-84"))
    actor.territories.set([territory("departement-38")])
    make_programme("Cap Amorçage", actors=[actor], description="Un prêt d’honneur.")
    body = visitor.get("/api/v1/acteurs/france-active/").json()
    assert body["territoire"] == "region-84"
    assert body["territoires"] == ["departement-38"]
    assert body["programmes"][0]["nom"] == "Cap Amorçage"


def test_a_hidden_or_unknown_actor_is_not_found(visitor, make_actor):
    make_actor("Caché", is_published=False)
    assert visitor.get("/api/v1/acteurs/cache/").status_code == 404
    assert visitor.get("/api/v1/acteurs/inconnu/").status_code == 404


def test_territories_come_with_their_parents(visitor):
    body = visitor.get("/api/v1/territoires/commune-38563/").json()
    assert body["nom"] == "Voiron"
    assert [parent["cle"] for parent in body["parents"]][:2] == ["region-84", "departement-38"]


def test_territories_are_filtered_by_kind_parent_and_name(visitor):
    body = visitor.get(
        "/api/v1/territoires/", {"type": "commune", "parent": "departement-38", "q": "voir"}
    ).json()
    # Voiron first: the start of its name; then Voissant, then names only alike (Beauvoir).
    assert [item["cle"] for item in body["resultats"]][:2] == ["commune-38563", "commune-38564"]
    epcis = visitor.get("/api/v1/territoires/", {"type": "epci", "parent": "departement-38"})
    assert "epci-200040715" in [item["cle"] for item in epcis.json()["resultats"]]
    regions = visitor.get("/api/v1/territoires/", {"type": "region", "par_page": 100}).json()
    assert all(item["type"] == "region" and item["parents"] == [] for item in regions["resultats"])


def test_an_unknown_parent_is_refused(visitor):
    response = visitor.get("/api/v1/territoires/", {"parent": "commune-38563"})
    assert response.status_code == 400
    assert "parent" in response.json()["champs"]


def test_an_unknown_territory_is_not_found(visitor):
    assert visitor.get("/api/v1/territoires/commune-00000/").status_code == 404
    assert visitor.get("/api/v1/territoires/atlantide/").status_code == 404


def test_the_themes_come_in_taxonomy_order_with_their_domaine(visitor):
    themes = visitor.get("/api/v1/thematiques/").json()
    by_slug = {theme["slug"]: theme for theme in themes}
    assert by_slug["mobilite"]["domaine"] is None or by_slug["mobilite"]["domaine"] in by_slug
    assert any(theme["domaine"] for theme in themes)
    assert visitor.get("/api/v1/publics/").json()


def test_the_sources_come_with_their_licence(visitor):
    Source.objects.create(name="Avise", slug="avise", licence="Licence Ouverte 2.0")
    body = visitor.get("/api/v1/sources/").json()
    assert body[0]["slug"] == "avise" and body[0]["licence"] == "Licence Ouverte 2.0"


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/acteurs/", {}),
        ("/api/v1/territoires/", {"type": "commune", "parent": "departement-38"}),
        ("/api/v1/sources/", {}),
        ("/api/v1/thematiques/", {}),
    ],
)
def test_lists_read_a_fixed_number_of_queries(visitor, make_actor, url, params):
    def add(offset, count):
        for number in range(offset, offset + count):
            make_actor(f"Acteur {number}")
            Source.objects.create(name=f"Source {number}", slug=f"source-{number}")

    add(0, 2)
    few = count_queries(visitor, url, params, warm=True)
    add(2, 10)
    # Queries: the rate-limit counter; [territoires: the parent]; the count and
    # the page (the parents joined); [sources: one with their actors;
    # thématiques: the taxonomy, kept by the process].
    assert count_queries(visitor, url, params, warm=True) == few
    assert few <= 4
