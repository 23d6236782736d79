"""source=<slug>: a filter and a facet of the list, the map and its data."""

import json

import pytest

from tests.queries import count_queries

DATA = "/carte/donnees.geojson"


@pytest.fixture
def two_partners(make_source, make_initiative, list_in):
    """MEDCOOP lists two initiatives of Lyon, the foundation one of them and
    one of Voiron; a fourth initiative is listed by no one."""
    medcoop = make_source("MEDCOOP")
    foundation = make_source("Fondation MACIF", slug="fondation-macif")
    garage = make_initiative("Garage solidaire", themes=["mobilite"], commune="commune-69123")
    cantine = make_initiative("Cantine lyonnaise", themes=["commerce"], commune="commune-69123")
    epicerie = make_initiative("Épicerie de Voiron", themes=["commerce"], commune="commune-38563")
    make_initiative("Chorale", themes=["culture"], commune="commune-38563")
    list_in(medcoop, garage)
    list_in(medcoop, cantine)
    list_in(foundation, garage, "F-12")
    list_in(foundation, epicerie, "F-13")
    return medcoop, foundation


def names(response):
    return sorted(card.name for card in response.context["results"].page.object_list)


def test_the_list_keeps_the_initiatives_a_source_lists(visitor, two_partners):
    response = visitor.get("/initiatives/", {"source": "medcoop"})
    assert names(response) == ["Cantine lyonnaise", "Garage solidaire"]
    # The active filter names the source and can be removed.
    assert '<a href="?">MEDCOOP<span class="visually-hidden"> (retirer ce filtre)' in response.text


def test_a_source_that_no_longer_lists_an_initiative_does_not_find_it(visitor, two_partners):
    medcoop, _foundation = two_partners
    medcoop.listings.filter(identifier="cantine-lyonnaise").update(still_listed=False)
    response = visitor.get("/initiatives/", {"source": "medcoop"})
    assert names(response) == ["Garage solidaire"]
    facets = {facet.value.slug: facet.count for facet in response.context["results"].sources}
    assert facets == {"medcoop": 1, "fondation-macif": 1}


def test_sources_are_a_facet_of_the_list(visitor, two_partners):
    response = visitor.get("/initiatives/", {"thematique": "commerce"})
    facets = {facet.value.name: facet.count for facet in response.context["results"].sources}
    assert facets == {"MEDCOOP": 1, "Fondation MACIF": 1}
    assert ">Sources</h2>" in response.text
    assert '<a href="?thematique=commerce&amp;source=medcoop">MEDCOOP</a>' in response.text


def test_the_unfiltered_list_counts_every_source(visitor, two_partners):
    results = visitor.get("/initiatives/").context["results"]
    assert {facet.value.slug: facet.count for facet in results.sources} == {
        "medcoop": 2,
        "fondation-macif": 2,
    }


def test_an_unknown_source_is_a_clear_filter_error(visitor, two_partners):
    response = visitor.get("/initiatives/", {"source": "inconnue"})
    assert response.status_code == 200
    assert "Source :" in response.text
    assert "Sélectionnez un choix valide" in response.text
    data = visitor.get(DATA, {"source": "inconnue"})
    assert data.status_code == 400
    assert json.loads(data.content)["champs"].keys() == {"source"}


@pytest.mark.parametrize("zoom", ["5", "14"])
def test_the_map_data_keeps_the_initiatives_a_source_lists(visitor, two_partners, zoom):
    params = {"source": "fondation-macif", "zoom": zoom, "bbox": "4.6,44.9,6.0,46.0"}
    collection = json.loads(visitor.get(DATA, params).content)
    assert collection["total"] == 2
    assert sorted(item["nom"] for item in collection["liste"]) == [
        "Garage solidaire",
        "Épicerie de Voiron",
    ]


def test_the_map_page_passes_the_source_to_its_data(visitor, two_partners):
    response = visitor.get("/carte/", {"source": "medcoop"})
    assert response.status_code == 200
    assert 'data-query="source=medcoop"' in response.text


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/initiatives/", {"source": "medcoop"}),
        ("/initiatives/", {"source": "medcoop", "thematique": "mobilite"}),
        ("/sources/medcoop/", {}),
        (DATA, {"source": "medcoop", "zoom": "5"}),
        (DATA, {"source": "medcoop", "zoom": "14", "bbox": "4.6,44.9,6.0,46.0"}),
    ],
)
def test_the_number_of_queries_does_not_grow_with_the_listings(
    visitor, make_source, make_initiative, list_in, url, params
):
    medcoop = make_source("MEDCOOP")
    other = make_source("Autre réseau")

    def add(count, offset):
        for number in range(offset, offset + count):
            initiative = make_initiative(
                f"Atelier mobilité {number}", themes=["mobilite"], commune="commune-69123"
            )
            list_in(medcoop, initiative)
            list_in(other, initiative)

    add(2, 0)
    few = count_queries(visitor, url, params)
    add(12, 2)
    # Queries of the list: the version tokens of the shared cache, the chosen
    # source, one statement for the count, the cards and the facets, and the
    # taxonomy (themes and publics) when the process has not read it yet. The
    # source's page reads the source and its actor first. The map data: the
    # version tokens, the chosen source, [groups: a savepoint, the groups and
    # the first of the list, its release, their details], or the points, and
    # the themes.
    assert count_queries(visitor, url, params) == few
    assert few <= 7
