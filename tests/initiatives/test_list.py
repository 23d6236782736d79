"""The search page /initiatives/ as a visitor sees it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carrefour import kept
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def test_the_whole_directory_shuffled_or_by_name_keeps_its_cached_facets(visitor, make_initiative):
    for number in range(25):
        make_initiative(f"Atelier {number:02d}", themes=["mobilite"])
    visitor.get("/initiatives/")  # fills the cached facets
    for sort in ("hasard", "nom"):
        kept.forget()  # as another worker
        with CaptureQueriesContext(connection) as queries:
            response = visitor.get("/initiatives/", {"tri": sort, "page": 2})
        results = response.context["results"]
        assert results.total == 25
        assert {facet.value.slug: facet.count for facet in results.themes} == {"cadre-de-vie": 25}
        assert len(results.page.object_list) == 5
        # The version tokens and the facets from the shared cache, then the page.
        assert len(queries) == 4, sort
    by_name = visitor.get("/initiatives/", {"tri": "nom"}).context["results"].page.object_list
    assert [card.name for card in by_name] == [f"Atelier {number:02d}" for number in range(20)]


def test_it_shows_the_result_count_and_the_matching_initiatives(visitor, make_initiative):
    make_initiative("Plateforme Wimoov", themes=["mobilite"], summary="Se déplacer.")
    make_initiative("Cantine partagée", themes=["cohesion-sociale"])
    response = visitor.get("/initiatives/", {"q": "mobilite"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 initiative" in html
    assert "Plateforme Wimoov" in html
    assert "Cantine partagée" not in html


def test_facet_counts_describe_the_current_results(visitor, make_initiative):
    make_initiative("Vélo solidaire", themes=["mobilite", "insertion"], commune="commune-38563")
    make_initiative("Garage solidaire", themes=["mobilite"], commune="commune-69123")
    make_initiative("Chantier d’insertion", themes=["insertion"], commune="commune-75056")
    response = visitor.get("/initiatives/", {"thematique": "mobilite"})
    results = response.context["results"]
    assert results.total == 2
    themes = {facet.value.slug: facet.count for facet in results.themes}
    assert themes == {"cadre-de-vie": 2, "inclusion": 1}
    children = {f.value.slug: f.count for d in results.themes for f in d.children}
    assert children == {"mobilite": 2, "insertion": 1}
    regions = {facet.value.key: facet.count for facet in results.territories}
    assert regions == {"region-84": 2}
    html = response.content.decode()
    assert "?thematique=mobilite&amp;thematique=insertion" in html


def test_territory_facets_go_one_level_down(visitor, make_initiative):
    make_initiative("Vélo solidaire", commune="commune-38563")
    make_initiative("Garage solidaire", commune="commune-69123")
    response = visitor.get("/initiatives/", {"territoire": "region-84"})
    departements = {
        facet.value.key: facet.count for facet in response.context["results"].territories
    }
    assert departements == {"departement-38": 1, "departement-69": 1}


def test_pages_are_stable_and_cover_every_result_once(visitor, make_initiative):
    for number in range(45):
        make_initiative(f"Atelier {number:02d}")
    seen = []
    for page in (1, 2, 3):
        response = visitor.get("/initiatives/", {"tri": "nom", "page": page})
        seen += [initiative.name for initiative in response.context["results"].page.object_list]
    assert seen == [f"Atelier {number:02d}" for number in range(45)]
    shuffled = []
    for page in (1, 2, 3):
        response = visitor.get("/initiatives/", {"tri": "hasard", "page": page})
        shuffled += [i.name for i in response.context["results"].page.object_list]
    assert sorted(shuffled) == seen
    assert shuffled != seen


def test_a_page_past_the_last_is_not_found(visitor, make_initiative):
    make_initiative("Atelier")
    assert visitor.get("/initiatives/", {"page": 2}).status_code == 404
    assert visitor.get("/initiatives/", {"page": "abc"}).status_code == 200


def test_a_page_number_too_large_for_the_database_is_not_found(visitor, make_initiative):
    make_initiative("Atelier")
    huge = "9" * 20  # its offset is past PostgreSQL's bigint

    assert visitor.get("/initiatives/", {"q": "atelier", "page": huge}).status_code == 404
    assert visitor.get("/territoires/departement-38/", {"page": huge}).status_code == 404


def test_the_empty_state_suggests_what_to_change(visitor, make_initiative):
    make_initiative("Atelier vélo", commune="commune-69123")
    response = visitor.get("/initiatives/", {"q": "piscine", "territoire": "commune-38563"})
    html = response.content.decode()
    assert "Aucune initiative ne correspond" in html
    assert "Retirer le filtre « piscine »" in html
    assert "Chercher dans toute la région Auvergne-Rhône-Alpes" in html


def test_bad_filter_values_are_explained_and_keep_what_was_typed(visitor, make_initiative):
    make_initiative("Atelier vélo")
    response = visitor.get(
        "/initiatives/",
        {"q": "vélo", "territoire": "Atlantide", "thematique": "inconnue", "etape": "x"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aucun territoire ne correspond à « Atlantide »" in html
    assert 'value="vélo"' in html
    assert 'value="Atlantide"' in html
    assert "Atelier vélo" in html


def test_hostile_query_strings_never_give_a_server_error(visitor):
    for params in (
        {"q": "x" * 5000},
        {"territoire": "commune-"},
        {"territoire": "-" * 300},
        {"tri": "'; DROP TABLE"},
        {"page": "-1"},
        {"page": "9" * 40},
        {"acteur": "<script>"},
    ):
        response = visitor.get("/initiatives/", params)
        assert response.status_code in (200, 404), params


def test_it_shows_which_initiatives_act_on_a_wider_scale(visitor, make_initiative):
    make_initiative("Réseau régional", commune="commune-69123", territories=["region-84"])
    html = visitor.get("/initiatives/", {"territoire": "commune-38563"}).content.decode()
    assert "Réseau régional" in html
    assert "agit à une échelle plus large" in html


def test_a_proximity_search_shows_how_far_each_initiative_is(visitor, make_initiative):
    make_initiative("Épicerie de Voiron", commune="commune-38563")
    make_initiative("Atelier grenoblois", commune="commune-38185")
    make_initiative("Cantine lyonnaise", commune="commune-69123")
    response = visitor.get("/initiatives/", {"pres_de": "commune-38563", "rayon": "30"})
    assert [i.name for i in response.context["results"].page.object_list] == [
        "Épicerie de Voiron",
        "Atelier grenoblois",
    ]
    html = response.content.decode()
    assert "2 initiatives" in html
    assert "à moins d’1 km" in html
    assert "à 23 km" in html
    assert "Cantine lyonnaise" not in html
    assert "À moins de 30 km de Voiron" in html
    assert response.context["filter"].sort == "distance"


def test_sorting_by_distance_is_offered_only_around_a_place(visitor, make_initiative):
    make_initiative("Épicerie de Voiron", commune="commune-38563")
    html = visitor.get("/initiatives/").content.decode()
    assert 'value="distance"' not in html
    assert "à moins d’1 km" not in html


def test_an_empty_proximity_search_suggests_a_wider_radius(visitor, make_initiative):
    make_initiative("Atelier grenoblois", commune="commune-38185")
    html = visitor.get("/initiatives/", {"pres_de": "commune-38563"}).content.decode()
    assert "Aucune initiative ne correspond" in html
    assert "Chercher dans un rayon de 50 km" in html
    assert "rayon=50" in html


def test_a_wrong_place_or_radius_is_explained(visitor, make_initiative):
    make_initiative("Épicerie de Voiron", commune="commune-38563")
    html = visitor.get("/initiatives/", {"pres_de": "Atlantide", "rayon": "500"}).content.decode()
    assert "Aucun territoire ne correspond à « Atlantide »" in html
    assert "inférieure ou égale à 200" in html
    assert "Épicerie de Voiron" in html


def test_the_list_links_to_the_map_of_the_same_search(visitor, make_initiative):
    make_initiative("Épicerie de Voiron", themes=["commerce"], commune="commune-38563")
    html = visitor.get("/initiatives/", {"thematique": "commerce", "page": "1"}).content.decode()
    assert 'href="/carte/?thematique=commerce"' in html


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "atelier mobilite"},
        {"thematique": "mobilite", "territoire": "region-84", "public": "seniors"},
        {"acteur": "fondation-macif", "etape": "essaimage", "tri": "hasard"},
        {"pres_de": "commune-38563", "rayon": "100", "tri": "distance"},
    ],
)
def test_the_number_of_queries_does_not_grow_with_the_results(
    visitor, make_initiative, make_actor, params
):
    funder = make_actor("Fondation MACIF")

    def add(count, offset):
        for number in range(offset, offset + count):
            make_initiative(
                f"Atelier mobilité {number}",
                themes=["mobilite", "insertion"],
                publics=["seniors"],
                commune="commune-38563" if number % 2 else "commune-69123",
                stage="essaimage",
                actors=[(funder, "financeur")],
            )

    add(2, 0)
    few = count_queries(visitor, "/initiatives/", params)
    add(25, 2)
    # Queries: the version tokens of the shared cache, [q: words and
    # corrections, the programmes matching them], [territoire: the territory], [pres_de: the place],
    # [acteur: the chosen actor], the search's counts in the shared cache (not
    # there), then one statement for the count, the cards and the facets, and
    # the taxonomy (themes and publics) when the process has not read it yet.
    # The unfiltered list reads its facets from the shared cache and, not found
    # there, counts them and stores them (the cache table's size, then the row
    # within a savepoint), then reads its page: the ids, then their cards.
    assert count_queries(visitor, "/initiatives/", params) == few
    assert few <= (12 if not params else 10)


def test_the_unfiltered_list_shows_the_newest_first_with_cached_facets(visitor, make_initiative):
    for number in range(25):
        initiative = make_initiative(f"Atelier {number:02d}", themes=["mobilite"])
        initiative.published_at = initiative.published_at.replace(year=2000 + number)
        initiative.save(update_fields=["published_at"])
    first = visitor.get("/initiatives/")
    names = [i.name for i in first.context["results"].page.object_list]
    assert names == [f"Atelier {number:02d}" for number in range(24, 4, -1)]
    assert first.context["results"].total == 25
    kept.forget()  # as another worker
    with CaptureQueriesContext(connection) as queries:
        second = visitor.get("/initiatives/", {"page": 2})
    names = [i.name for i in second.context["results"].page.object_list]
    assert names == [f"Atelier {number:02d}" for number in range(4, -1, -1)]
    themes = {facet.value.slug: facet.count for facet in second.context["results"].themes}
    assert themes == {"cadre-de-vie": 25}
    # Four queries: the version tokens of the shared cache, the facets the
    # first page stored there, the page's ids, then their cards; the themes
    # come from the taxonomy this process keeps.
    assert len(queries) == 4


def test_every_facet_counts_the_current_results(visitor, make_initiative, make_actor):
    funder = make_actor("Fondation MACIF")
    make_initiative(
        "Vélo solidaire",
        themes=["mobilite"],
        publics=["seniors"],
        stage="essaimage",
        structure_type="cooperative",
        actors=[(funder, "financeur")],
    )
    make_initiative(
        "Garage solidaire", themes=["mobilite"], stage="essaimage", structure_type="association"
    )
    make_initiative("Chorale", themes=["culture"], publics=["seniors"], stage="ideation")
    results = visitor.get("/initiatives/", {"q": "solidaire"}).context["results"]
    assert {facet.value.slug: facet.count for facet in results.publics} == {"seniors": 1}
    assert [(facet.value[0], facet.count) for facet in results.stages] == [("essaimage", 2)]
    assert [(facet.value[0], facet.count) for facet in results.structures] == [
        ("association", 1),
        ("cooperative", 1),
    ]
    assert [(facet.value.name, facet.count) for facet in results.actors] == [("Fondation MACIF", 1)]


def test_facet_links_refine_the_search_or_undo_a_chosen_value(visitor, make_initiative):
    make_initiative("Vélo solidaire", themes=["mobilite"], stage="essaimage")
    html = visitor.get("/initiatives/", {"q": "vélo", "etape": "essaimage"}).content.decode()
    # The chosen stage is marked and its link removes it; a theme adds to the search.
    assert '<a href="?q=v%C3%A9lo" aria-current="true" class="selected">Essaimage</a>' in html
    assert '<a href="?q=v%C3%A9lo&amp;etape=essaimage&amp;thematique=mobilite">Mobilité</a>' in html


def test_unpublished_actors_never_appear_in_the_facets(visitor, make_initiative, make_actor):
    hidden = make_actor("Fonds pas encore relu", is_published=False)
    make_initiative("Vélo solidaire", actors=[(hidden, "financeur")])
    response = visitor.get("/initiatives/", {"q": "vélo"})
    assert response.context["results"].total == 1
    assert response.context["results"].actors == []
    assert "Fonds pas encore relu" not in response.content.decode()


def test_cards_show_the_thematiques_of_each_initiative(visitor, make_initiative):
    make_initiative("Vélo solidaire", themes=["mobilite", "insertion"])
    html = visitor.get("/initiatives/", {"q": "vélo"}).content.decode()
    cards = html[html.index('<div class="cards">') :]
    assert '<a href="/thematiques/mobilite/">Mobilité</a>' in cards
    assert '<a href="/thematiques/insertion/">Insertion' in cards
    # The domaines of those thématiques are implied, not repeated on the card.
    assert "/thematiques/cadre-de-vie/" not in cards


def test_names_and_summaries_are_escaped_on_cards_and_facets(visitor, make_initiative, make_actor):
    funder = make_actor("Fonds <b>gras</b>")
    make_initiative(
        "Vélo <script>alert(1)</script>",
        summary="Résumé & <i>détails</i>",
        actors=[(funder, "financeur")],
    )
    html = visitor.get("/initiatives/", {"q": "vélo"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "Vélo &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Résumé &amp; &lt;i&gt;détails&lt;/i&gt;" in html
    assert "Fonds &lt;b&gt;gras&lt;/b&gt;" in html


@pytest.mark.parametrize("path", ["/initiatives/", "/carte/"])
def test_facet_links_of_the_list_and_the_map_stay_on_the_page(visitor, make_initiative, path):
    make_initiative("Vélo solidaire", themes=["mobilite"])
    html = visitor.get(path).content.decode()
    assert '<a href="?thematique=mobilite">Mobilité</a>' in html
