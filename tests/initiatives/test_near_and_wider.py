"""Around a place (`pres_de` + `rayon`): the initiatives nearby, then those
acting on all of France or on a territory containing the place, labelled as
territory pages label them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives import directory
from initiatives.directory import counting
from initiatives.models import Initiative
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def around_voiron(make_initiative):
    """Initiatives near Voiron (commune-38563) and acting on it from wider scales."""
    make_initiative("Épicerie de Voiron", commune="commune-38563")  # 0 km
    make_initiative("Atelier de Coublevie", commune="commune-38133")  # 2 km
    # No site: acts on the Pays Voironnais, which contains Voiron.
    make_initiative("Vélo en Pays Voironnais", territories=["epci-243800984"])
    # Sites too far for 10 km, acting on the département, the région, France.
    make_initiative("Réseau isérois", commune="commune-38185", territories=["departement-38"])
    make_initiative("Alliance régionale", commune="commune-69123", territories=["region-84"])
    make_initiative("Réseau national", commune="commune-75056", is_national=True)
    # Neither near nor acting here.
    make_initiative("Cantine lyonnaise", commune="commune-69123", territories=["commune-69123"])
    make_initiative("Café drômois", commune="commune-26281", territories=["departement-26"])
    make_initiative("Brouillon national", is_national=True, status=Initiative.Status.DRAFT)


def cards(response):
    return response.context["results"].page.object_list


def test_nearby_initiatives_come_first_then_those_acting_from_a_wider_scale(visitor, around_voiron):
    response = visitor.get("/initiatives/", {"pres_de": "commune-38563", "rayon": "10"})
    names = [card.name for card in cards(response)]
    assert names[:2] == ["Épicerie de Voiron", "Atelier de Coublevie"]
    assert set(names[2:]) == {
        "Vélo en Pays Voironnais",
        "Réseau isérois",
        "Alliance régionale",
        "Réseau national",
    }
    assert response.context["results"].total == 6


def test_they_are_labelled_as_on_territory_pages(visitor, around_voiron):
    response = visitor.get("/initiatives/", {"pres_de": "Voiron", "rayon": "10"})
    by_name = {card.name: card for card in cards(response)}
    assert by_name["Épicerie de Voiron"].distance == "à moins d’1 km"
    assert not by_name["Épicerie de Voiron"].acts_wider
    assert by_name["Réseau isérois"].distance == ""
    assert by_name["Réseau isérois"].acts_wider
    assert by_name["Réseau national"].is_national and by_name["Réseau national"].acts_wider
    # The territory page of Voiron labels them the same way.
    page = visitor.get("/territoires/commune-38563/")
    on_page = {card.name: card.acts_wider for card in cards(page)}
    assert on_page["Réseau isérois"] and on_page["Réseau national"]
    assert response.text.count("agit à une échelle plus large") == 4


@pytest.mark.parametrize("sort", ["nom", "recent", "hasard"])
def test_every_sort_keeps_the_nearby_ones_first(visitor, around_voiron, sort):
    response = visitor.get("/initiatives/", {"pres_de": "Voiron", "rayon": "10", "tri": sort})
    names = [card.name for card in cards(response)]
    assert set(names[:2]) == {"Épicerie de Voiron", "Atelier de Coublevie"}
    if sort == "nom":
        assert names[2:] == [
            "Alliance régionale",
            "Réseau isérois",
            "Réseau national",
            "Vélo en Pays Voironnais",
        ]


def test_a_wider_radius_takes_them_among_the_nearby_ones(visitor, around_voiron):
    response = visitor.get("/initiatives/", {"pres_de": "Voiron", "rayon": "30"})
    names = [card.name for card in cards(response)]
    # Grenoble is 23 km away: the Réseau isérois is now nearby.
    assert names[:3] == ["Épicerie de Voiron", "Atelier de Coublevie", "Réseau isérois"]
    assert cards(response)[2].distance == "à 23 km"


def test_one_acting_from_a_wider_scale_with_a_site_nearby_is_among_the_nearby_ones(
    visitor, around_voiron, make_initiative
):
    make_initiative(
        "Réseau national à Coublevie",
        commune="commune-75056",
        sites=["commune-38133"],
        is_national=True,
    )
    params = {"pres_de": "commune-38563", "rayon": "10"}
    by_distance = cards(visitor.get("/initiatives/", params))
    assert [card.name for card in by_distance[:3]] == [
        "Épicerie de Voiron",
        "Atelier de Coublevie",
        "Réseau national à Coublevie",
    ]
    assert by_distance[2].distance == "à 2 km" and not by_distance[2].acts_wider
    by_name = cards(visitor.get("/initiatives/", {**params, "tri": "nom"}))
    assert {card.name for card in by_name[:3]} == {
        "Atelier de Coublevie",
        "Épicerie de Voiron",
        "Réseau national à Coublevie",
    }
    data = visitor.get("/carte/donnees.geojson", {**params, "zoom": "14"}).json()
    listed = {item["nom"]: item.get("distance_km") for item in data["liste"]}
    assert listed["Réseau national à Coublevie"] == 2.1
    assert listed["Réseau national"] is None


@pytest.mark.parametrize(
    ("sort", "pages"),
    [
        (
            "distance",
            [
                ["Épicerie de Voiron", "Atelier de Coublevie", "Vélo en Pays Voironnais"],
                ["Réseau isérois", "Alliance régionale", "Réseau national"],
            ],
        ),
        (
            "nom",
            [
                ["Atelier de Coublevie", "Épicerie de Voiron", "Alliance régionale"],
                ["Réseau isérois", "Réseau national", "Vélo en Pays Voironnais"],
            ],
        ),
    ],
)
def test_a_page_across_the_last_nearby_one_lists_each_once_in_order(around_voiron, sort, pages):
    params = {"pres_de": "commune-38563", "rayon": "10", "tri": sort}
    found = [
        [card.name for card in directory.search(params, page=page, per_page=3).cards]
        for page in (1, 2)
    ]
    assert found == pages


def test_the_map_lists_them_after_the_nearby_ones(visitor, around_voiron):
    data = visitor.get(
        "/carte/donnees.geojson", {"pres_de": "Voiron", "rayon": "10", "zoom": "14"}
    ).json()
    names = [item["nom"] for item in data["liste"]]
    assert names[:2] == ["Épicerie de Voiron", "Atelier de Coublevie"]
    assert "Réseau national" in names and "Cantine lyonnaise" not in names


def test_the_queries_do_not_grow_with_the_wider_initiatives(visitor, make_initiative):
    params = {"pres_de": "commune-38563", "rayon": "10"}

    def add(count, offset):
        for number in range(offset, offset + count):
            make_initiative(f"Réseau {number}", commune="commune-69123", is_national=True)
            make_initiative(f"Atelier {number}", commune="commune-38563")

    add(2, 0)
    few = count_queries(visitor, "/initiatives/", params)
    add(10, 2)
    # The version tokens of the shared cache, the place, one statement for
    # the count, the cards and the facets, the taxonomy (themes and publics)
    # when the process has not read it yet.
    assert count_queries(visitor, "/initiatives/", params) == few
    assert few <= 7


def test_the_counts_around_a_place_are_kept_for_its_other_pages(
    visitor, around_voiron, monkeypatch
):
    monkeypatch.setattr(counting, "KEEP_FROM", 0)
    params = {"pres_de": "commune-38563", "rayon": "10"}
    visitor.get("/initiatives/", params)
    with CaptureQueriesContext(connection) as queries:
        response = visitor.get("/initiatives/", {**params, "tri": "nom"})
    assert response.context["results"].total == 6
    assert not any("unnest(facet_keys)" in query["sql"] for query in queries)
