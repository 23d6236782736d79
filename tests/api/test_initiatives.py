"""/api/v1/initiatives/: the directory's search as JSON, and each initiative in full."""

from urllib.parse import urlencode

import pytest
from django.contrib.gis.geos import Point
from django.http import QueryDict

from actors.models import Actor
from initiatives import directory
from initiatives.models import Initiative
from sources.models import Source
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

LIST = "/api/v1/initiatives/"


@pytest.fixture
def rhone_alpes(make_initiative, make_actor):
    """Three initiatives in Voiron, one in Grenoble, two in Lyon; France Active
    funds two; a draft in Voiron."""
    funder = make_actor("France Active", is_published=True)
    for number in range(3):
        make_initiative(
            f"Épicerie de Voiron {number}",
            themes=["commerce"],
            commune="commune-38563",
            stage=Initiative.Stage.ESSAIMAGE if number else Initiative.Stage.IDEATION,
            actors=[(funder, "financeur")] if number < 2 else [],
        )
    make_initiative("Vélo grenoblois", themes=["mobilite"], commune="commune-38185")
    make_initiative("Garage lyonnais", themes=["mobilite"], commune="commune-69123")
    make_initiative("Cantine lyonnaise", themes=["commerce"], commune="commune-69123")
    make_initiative("Brouillon de Voiron", commune="commune-38563", status=Initiative.Status.DRAFT)


def api_slugs(client, params):
    """Every slug the API lists for `params`, page after page."""
    slugs = []
    page = 1
    while True:
        response = client.get(LIST, {**params, "page": page, "par_page": 2})
        assert response.status_code == 200, response.content
        body = response.json()
        slugs += [item["slug"] for item in body["resultats"]]
        if body["suivante"] is None:
            return slugs, body["total"]
        page += 1


def list_page_slugs(params):
    """Every slug the list page /initiatives/ shows for `params`, in its order."""
    found = directory.search(QueryDict(urlencode(params)), per_page=100)
    return [card.slug for card in found.cards], found.count


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"thematique": "commerce"},
        {"territoire": "commune-38563", "tri": "nom"},
        {"q": "épicerie", "etape": "essaimage"},
        {"pres_de": "commune-38185", "rayon": "100", "tri": "distance"},
        {"acteur": "france-active"},
        {"territoire": "departement-69", "thematique": "mobilite"},
        {"tri": "nom"},
    ],
)
def test_it_lists_the_initiatives_of_the_list_page_in_its_order(visitor, rhone_alpes, params):
    slugs, total = api_slugs(visitor, params)
    expected, count = list_page_slugs(params)
    assert (slugs, total) == (expected, count)
    assert "brouillon-de-voiron" not in slugs


def test_the_list_page_itself_shows_the_same_names(visitor, rhone_alpes):
    html = visitor.get("/initiatives/", {"territoire": "commune-38563", "tri": "nom"}).content
    slugs, _total = api_slugs(visitor, {"territoire": "commune-38563", "tri": "nom"})
    names = [Initiative.objects.get(slug=slug).name for slug in slugs]
    positions = [html.decode().index(name) for name in names]
    assert positions == sorted(positions) and len(names) == 3


def test_a_page_says_the_total_and_links_to_the_next(visitor, rhone_alpes):
    body = visitor.get(LIST, {"thematique": "commerce", "par_page": 2}).json()
    assert (body["total"], body["page"], body["pages"], body["par_page"]) == (4, 1, 2, 2)
    assert body["precedente"] is None
    assert body["suivante"].endswith("/api/v1/initiatives/?thematique=commerce&par_page=2&page=2")
    second = visitor.get(LIST, {"thematique": "commerce", "par_page": 2, "page": 2}).json()
    assert second["suivante"] is None and len(second["resultats"]) == 2


def test_an_item_gives_what_a_card_shows(visitor, rhone_alpes):
    body = visitor.get(LIST, {"q": "Vélo grenoblois"}).json()
    item = body["resultats"][0]
    assert item["nom"] == "Vélo grenoblois"
    assert item["url"] == "http://testserver/initiatives/velo-grenoblois/" or item["url"].endswith(
        "/initiatives/velo-grenoblois/"
    )
    assert item["commune"] == {"cle": "commune-38185", "type": "commune", "nom": "Grenoble"}
    assert item["thematiques"] == ["mobilite"]
    assert item["position"]["latitude"] == pytest.approx(45.18, abs=0.1)


def test_a_page_past_the_last_is_not_found(visitor, rhone_alpes):
    response = visitor.get(LIST, {"page": 99})
    assert response.status_code == 404
    assert response.json()["erreur"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"etape": "lune"}, "etape"),
        ({"page": "deux"}, "page"),
        ({"par_page": "500"}, "par_page"),
        ({"rayon": "-3"}, "rayon"),
        ({"thematique": "inconnue"}, "thematique"),
        ({"territoire": "Atlantide"}, "territoire"),
        ({"acteur": "personne"}, "acteur"),
    ],
)
def test_bad_parameters_are_refused_with_a_french_message(visitor, rhone_alpes, params, field):
    response = visitor.get(LIST, params)
    assert response.status_code == 400
    body = response.json()
    assert body["erreur"].startswith("Paramètres invalides")
    assert field in body["champs"]


def test_a_too_long_search_says_how_long_it_may_be(visitor):
    response = visitor.get(LIST, {"q": "a" * 201})
    assert response.json()["champs"] == {"q": ["Au plus 200 caractères."]}


@pytest.mark.parametrize(
    "params", [{}, {"thematique": "commerce"}, {"territoire": "departement-38", "tri": "nom"}]
)
def test_the_number_of_queries_does_not_grow_with_the_initiatives(visitor, make_initiative, params):
    def add(count, offset):
        for number in range(offset, offset + count):
            make_initiative(
                f"Épicerie {number}",
                themes=["commerce"],
                commune=("commune-38563", "commune-69123", "commune-38185")[number % 3],
            )

    add(3, 0)
    few = count_queries(visitor, LIST, params)
    add(25, 3)
    # Queries: the API's rate-limit counter; the version tokens of the shared
    # cache; the taxonomy, themes and publics (once per process);
    # [territoire: the territory]; the search: the count, the page and the
    # facets in one statement (unfiltered: the counts of the whole directory,
    # stored in the shared cache in four statements, then the page's ids and
    # cards); the page's initiatives.
    assert count_queries(visitor, LIST, params) == few
    assert few <= 14


@pytest.fixture
def wimoov(make_initiative, make_actor):
    funder = make_actor("France Active", is_published=True)
    hidden = make_actor("Mécène discret", is_published=False)
    initiative = make_initiative(
        "Wimoov",
        themes=["mobilite"],
        publics=[],
        commune="commune-38563",
        address="1 rue de la Gare",
        point=Point(5.59, 45.36, srid=4326),
        sites=["commune-38185"],
        territories=["departement-38"],
        actors=[(funder, "financeur"), (hidden, "financeur")],
        description="Des plateformes de mobilité.",
        website="https://www.wimoov.org",
        year_started=1995,
    )
    initiative.awards.create(name="Prix de l’innovation", year=2019)
    initiative.indicators.create(label="Personnes accompagnées", value=12000, unit="personnes")
    source = Source.objects.create(name="Avise", slug="avise", licence="Licence Ouverte 2.0")
    source.listings.create(initiative=initiative, identifier="w-1", page_url="https://avise.org/w")
    return initiative


def test_an_initiative_comes_with_its_sites_actors_indicators_awards_and_sources(visitor, wimoov):
    response = visitor.get("/api/v1/initiatives/wimoov/")
    assert response.status_code == 200
    body = response.json()
    assert body["nom"] == "Wimoov" and body["annee_creation"] == 1995
    assert [site["commune"]["cle"] for site in body["lieux"]] == ["commune-38563", "commune-38185"]
    assert body["lieux"][0]["adresse"] == "1 rue de la Gare"
    assert [role["acteur"]["slug"] for role in body["acteurs"]] == ["france-active"]
    assert body["acteurs"][0]["role"] == "financeur"
    assert body["indicateurs"] == [
        {
            "libelle": "Personnes accompagnées",
            "valeur": 12000.0,
            "unite": "personnes",
            "annee": None,
        }
    ]
    assert body["distinctions"] == [
        {"nom": "Prix de l’innovation", "annee": 2019, "label": "prix-de-l-innovation"}
    ]
    assert body["sources"][0]["source"] == {"slug": "avise", "nom": "Avise"}
    assert body["territoires_action"] == [
        {"cle": "departement-38", "type": "departement", "nom": "Isère"}
    ]


def test_the_detail_reads_a_fixed_number_of_queries(visitor, wimoov):
    # Queries: the rate-limit counter, the version tokens and the taxonomy
    # (once per process), the initiative's list fields, its texts and carrier,
    # its roles, sites, sources, territories, indicators and awards.
    assert count_queries(visitor, "/api/v1/initiatives/wimoov/", warm=True) <= 10


@pytest.mark.parametrize("status", [Initiative.Status.DRAFT, Initiative.Status.PENDING])
def test_an_unpublished_or_unknown_initiative_is_not_found(visitor, make_initiative, status):
    make_initiative("Cachée", status=status)
    for slug in ("cachee", "inconnue"):
        response = visitor.get(f"/api/v1/initiatives/{slug}/")
        assert response.status_code == 404
        assert response.json()["erreur"] == "Aucune initiative publiée n’a cet identifiant."


def test_a_hidden_actor_is_not_shown_as_carrier(visitor, make_initiative):
    hidden = Actor.objects.create(name="Caché", slug="cache", kind="financeur", is_published=False)
    make_initiative("Portée", carrier=hidden)
    assert visitor.get("/api/v1/initiatives/portee/").json()["porteuse"] is None
