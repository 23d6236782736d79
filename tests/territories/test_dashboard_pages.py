"""The dashboard's pages: their query counts, the comparison of two
territories, the figures in the read API."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor, Programme
from carrefour import kept
from initiatives.models import Award, Indicator, Initiative
from tests.queries import count_queries
from tests.territories.conftest import VOIRON

pytestmark = pytest.mark.django_db


@pytest.fixture
def supported(voiron_directory, make_initiative, make_actor):
    """A proven initiative elsewhere and a funder with a programme, so that every
    part of the dashboard has something to show."""
    proven = make_initiative(
        "Vélo pour tous",
        themes=["mobilite"],
        stage=Initiative.Stage.ESSAIMAGE,
        commune="commune-75056",
        sites=["commune-69123"],
    )
    Award.objects.create(initiative=proven, name="Prix de l’innovation", year=2021)
    Indicator.objects.create(initiative=proven, label="vélos réparés", value=300, year=2022)
    funder = make_actor("France Active", kind=Actor.Kind.NETWORK, is_national=True)
    pacte = Programme.objects.create(
        name="Pacte pour l’emploi", slug="pacte", kind="accompagnement"
    )
    pacte.actors.add(funder)
    return funder


def add_local_initiatives(make_initiative, funder, count):
    for number in range(count):
        initiative = make_initiative(
            f"Atelier de Voiron {number}",
            themes=["mobilite", "culture"],
            commune=VOIRON,
            sites=["commune-38185"],
            stage=Initiative.Stage.ESSAIMAGE,
            actors=[(funder, "financeur")],
        )
        Award.objects.create(initiative=initiative, name="Label", year=2020)


@pytest.mark.parametrize(
    "url", [f"/territoires/{VOIRON}/", f"/api/v1/territoires/{VOIRON}/synthese/"]
)
def test_the_dashboard_reads_as_many_queries_for_2_initiatives_as_for_20(
    client, make_initiative, supported, url
):
    # What a process reads once: the spatial reference system of the distances.
    client.get("/territoires/commune-38185/")
    few = count_queries(client, url)
    add_local_initiatives(make_initiative, supported, 18)
    # The territory with its parents, [the API: its rate limit], the version
    # tokens. [The page's list: looked up in the shared cache (its filter read
    # first: the territory), not found, searched (the territory read then is
    # kept by the worker; its counts in the shared cache: not there, the one
    # statement of count, cards and facets), stored.] The taxonomy (themes,
    # publics). The figures, then the ranking of the suggestions and helpers:
    # each looked up in the shared cache, not found, computed in a savepoint
    # without JIT (SET LOCAL, the statements (one, then two), RESET) and stored
    # (the cache table's size, a savepoint, the row, its insert, the release).
    # The suggested fiches, their awards and indicators; the helpers and their
    # programmes. [The page's neighbours: not in the shared cache, read, stored.]
    assert count_queries(client, url) == few
    page = url.startswith("/territoires/")
    assert few == (48 if page else 33)
    # Once computed, by another worker: the shared cache read instead, and the
    # taxonomy this process keeps.
    client.get(url)
    kept.forget()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) == (12 if page else 10)
    # By the same worker: what it read from the shared cache, kept in its memory.
    assert count_queries(client, url, warm=True) == 8


def test_what_the_shared_cache_keeps_is_dropped_when_the_directory_changes(
    client, voiron_directory, make_initiative
):
    first = client.get(f"/territoires/{VOIRON}/").context
    assert first["dashboard"].figures.total == 2
    # The list adds those acting on Isère and on all of France.
    assert first["results"].total == 4
    make_initiative("Nouvelle à Voiron", themes=["mobilite"], commune=VOIRON)
    response = client.get(f"/territoires/{VOIRON}/")
    again = response.context
    assert "Nouvelle à Voiron" in response.content.decode()
    assert again["dashboard"].figures.total == 3
    assert [gap.theme.slug for gap in again["dashboard"].figures.gaps] == ["culture"]
    assert again["results"].total == 5


def test_two_territories_side_by_side(client, voiron_directory):
    response = client.get("/territoires/comparer/", {"a": VOIRON, "b": "Grenoble"})
    assert response.status_code == 200
    html = re.sub(r">\s+<", "><", response.content.decode())
    assert '<a href="/territoires/commune-38563/">Voiron</a>' in html
    assert '<a href="/territoires/commune-38185/">Grenoble</a>' in html
    # Voiron 10,000 inhabitants and 2 initiatives; Grenoble 5,000 and 6.
    assert (
        '<th scope="row">Toutes thématiques</th><td>2</td><td>2,0</td><td>6</td><td>12,0</td>'
        in html
    )
    assert '<th scope="row">Mobilité</th><td>0</td><td>0</td><td>2</td><td>4,0</td>' in html
    assert '<th scope="row">Culture</th><td>1</td><td>1,0</td><td>3</td><td>6,0</td>' in html
    assert "Aucune initiative en mobilité ; 1,4 pour 10 000 habitants" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"a": "commune-99999", "b": VOIRON},
            "Aucun territoire ne correspond à « commune-99999 ».",
        ),
        ({"a": VOIRON, "b": ""}, "Indiquez le second territoire."),
        ({"a": VOIRON}, "Indiquez le second territoire."),
        ({"a": "x" * 500, "b": VOIRON}, "Assurez-vous que cette valeur comporte au plus 120"),
    ],
)
def test_a_bad_key_in_a_comparison_gets_a_clear_message(client, voiron_directory, params, message):
    response = client.get("/territoires/comparer/", params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Toutes thématiques" not in response.content.decode()


def test_the_comparison_page_without_parameters_shows_its_form(client, db):
    response = client.get("/territoires/comparer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Premier territoire" in html
    assert "erreurs" not in html


def test_the_figures_are_in_the_read_api(client, supported):
    response = client.get(f"/api/v1/territoires/{VOIRON}/synthese/")
    assert response.status_code == 200
    summary = response.json()
    assert summary["territoire"]["cle"] == VOIRON
    assert (summary["initiatives"], summary["pour_10000"]) == (2, 2.0)
    themes = {theme["slug"]: theme for theme in summary["thematiques"]}
    assert themes["mobilite"] == {
        "slug": "mobilite",
        "nom": "Mobilité",
        "domaine": "cadre-de-vie",
        "initiatives": 0,
        "pour_10000": 0.0,
        "comparables_pour_10000": 1.4,
    }
    assert summary["comparables"] == {
        "type": "commune",
        "perimetre": {"cle": "departement-38", "type": "departement", "nom": "Isère"},
        "population_min": 5000,
        "population_max": 20000,
        "territoires": 5,
        "population": 50000,
        "initiatives": 19,
        "pour_10000": 3.8,
    }
    assert [(gap["thematique"], gap["absente"]) for gap in summary["manques"]] == [
        ("mobilite", True),
        ("culture", False),
    ]
    assert [item["slug"] for item in summary["a_essaimer"]] == ["velo-pour-tous"]
    assert summary["a_essaimer"][0]["distinctions"] == [
        {"nom": "Prix de l’innovation", "annee": 2021, "label": "prix-de-l-innovation"}
    ]
    assert summary["a_essaimer"][0]["contact"].endswith(
        "/initiatives/velo-pour-tous/contacter/?objet=essaimage&profil=elu&territoire=commune-38563"
    )
    assert summary["qui_peut_aider"] == [
        {
            "slug": "france-active",
            "nom": "France Active",
            "type": "reseau",
            "nationale": True,
            "initiatives_soutenues_ici": 0,
            "programmes": ["Pacte pour l’emploi"],
        }
    ]


def test_the_api_answers_404_for_an_unknown_territory(client, db):
    response = client.get("/api/v1/territoires/commune-00000/synthese/")
    assert response.status_code == 404
    assert response.json()["erreur"] == "Aucun territoire n’a cette clé."
