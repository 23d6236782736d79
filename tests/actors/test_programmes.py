"""The programmes' pages: /programmes/ and /programmes/<slug>/."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from actors.models import Programme
from initiatives.models import InitiativeActor
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def fiso(make_actor, make_programme):
    bpifrance = make_actor("Bpifrance", kind="banque")
    region = make_actor("Région Auvergne-Rhône-Alpes", kind="collectivite")
    return make_programme(
        "Fonds d’Innovation Sociale (FISO)",
        slug="fiso",
        kind=Programme.Kind.LOAN,
        actors=[bpifrance, region],
        summary="Un prêt à taux zéro pour les innovations sociales de la région.",
        offer="Un prêt FEDER Innovation sans intérêts.",
        amount_min=30000,
        amount_max=100000,
        rate=0,
        duration_months=84,
        territories=["region-84"],
        stages=["experimentation", "consolidation"],
        structure_types=["association", "entreprise-sociale"],
        is_permanent=True,
    )


def slugs(response):
    return [programme.slug for programme in response.context["programmes"]]


def test_the_list_filters_by_territory_theme_kind_stage_and_open_calls(
    visitor, fiso, make_programme
):
    today = timezone.localdate()
    make_programme(
        "Prix de la mobilité",
        kind=Programme.Kind.PRIZE,
        is_national=True,
        themes=["mobilite"],
        stages=["essaimage"],
        calls=[("Édition en cours", None, today + timedelta(days=30))],
    )
    make_programme(
        "Incubateur parisien",
        kind=Programme.Kind.INCUBATION,
        territories=["departement-75"],
        stages=["ideation"],
        calls=[("Promotion close", None, today - timedelta(days=1))],
    )

    assert slugs(visitor.get("/programmes/")) == [
        "fiso",
        "incubateur-parisien",
        "prix-de-la-mobilite",
    ]
    # Isère is in the région of the FISO; the prize is national.
    assert slugs(visitor.get("/programmes/", {"territoire": "departement-38"})) == [
        "fiso",
        "prix-de-la-mobilite",
    ]
    # A programme open to every thématique stays.
    assert slugs(visitor.get("/programmes/", {"thematique": "mobilite"})) == [
        "fiso",
        "incubateur-parisien",
        "prix-de-la-mobilite",
    ]
    assert slugs(visitor.get("/programmes/", {"thematique": "mobilite", "etape": "essaimage"})) == [
        "prix-de-la-mobilite"
    ]
    assert slugs(visitor.get("/programmes/", {"type": "pret"})) == ["fiso"]
    response = visitor.get("/programmes/", {"ouvert": "true"})
    assert slugs(response) == ["fiso", "prix-de-la-mobilite"]
    assert "Candidatures toute l’année" in response.text


def test_the_list_searches_the_words_of_programmes_without_accents(visitor, fiso):
    assert slugs(visitor.get("/programmes/", {"q": "fiso"})) == ["fiso"]
    assert slugs(visitor.get("/programmes/", {"q": "pret taux zero"})) == ["fiso"]
    assert slugs(visitor.get("/programmes/", {"q": "incubateur"})) == []


def test_bad_filters_get_a_french_message_and_no_error(visitor, fiso):
    response = visitor.get("/programmes/", {"territoire": "Atlantide", "type": "don"})

    assert response.status_code == 200
    assert "Atlantide" in response.text
    assert "Sélectionnez un choix valide" in response.text


def test_the_list_costs_the_same_however_many_programmes(visitor, fiso, make_programme, make_actor):
    params = {"territoire": "departement-38", "q": "fonds"}
    few = count_queries(visitor, "/programmes/", params)
    for number in range(25):
        make_programme(
            f"Fonds {number}",
            actors=[make_actor(f"Fondation {number}")],
            territories=["region-84"],
            calls=[("Appel", None, date(2099, 1, 1))],
        )
    # Queries: the territory typed, the count, the version tokens of the
    # shared cache, the taxonomy (themes and publics: the process has not
    # read it yet), the page of programmes with their closing dates, their
    # actors.
    assert count_queries(visitor, "/programmes/", params) == few == 7
    assert len(visitor.get("/programmes/", params).context["programmes"]) == 20


def test_hidden_programmes_are_not_listed_nor_shown(visitor, make_programme):
    make_programme("Programme caché", is_published=False)

    assert slugs(visitor.get("/programmes/")) == []
    assert visitor.get("/programmes/programme-cache/").status_code == 404


def test_the_programme_page_says_what_it_offers_to_whom_and_when(visitor, fiso, make_programme):
    make_programme(
        "Appel régional",
        territories=["region-84"],
        calls=[
            ("Session d’hiver", date(2026, 11, 2), date(2099, 1, 31)),
            ("Session 2025", date(2025, 1, 6), date(2025, 3, 31)),
        ],
    )

    html = visitor.get("/programmes/fiso/").text

    assert "<h1>Fonds d’Innovation Sociale (FISO)</h1>" in html
    assert 'href="/acteurs/bpifrance/">Bpifrance</a>' in html
    assert "Un prêt FEDER Innovation sans intérêts." in html
    assert "De 30\u202f000 € à 100\u202f000 €, taux de 0 %, sur 84 mois" in html
    assert "<dd>Auvergne-Rhône-Alpes</dd>" in html
    assert "<dd>Expérimentation, consolidation</dd>" in html
    assert "<dd>Association, entreprise sociale (ESUS)</dd>" in html
    assert "Candidatures toute l’année" in html

    other = visitor.get("/programmes/appel-regional/").text
    assert "Session d’hiver" in other and "du 2 novembre 2026 au 31 janvier 2099" in other
    assert "Appel ouvert jusqu’au 31 janvier 2099" in other
    assert "Appel clos le 31 mars 2025" in other


def test_the_programme_page_lists_what_it_supported_and_who_else_is_eligible(
    visitor, fiso, make_initiative, django_assert_num_queries
):
    bpifrance = fiso.actors.get(slug="bpifrance")
    supported = make_initiative(
        "Alter’Incub", commune="commune-69123", stage="consolidation", structure_type="association"
    )
    InitiativeActor.objects.create(
        initiative=supported, actor=bpifrance, role="financeur", programme=fiso
    )
    make_initiative("Cantine de Voiron", commune="commune-38563", stage="experimentation")
    make_initiative("Trop tôt", commune="commune-38563", stage="ideation")
    make_initiative("Café parisien", commune="commune-75056", stage="experimentation")
    make_initiative(
        "Coopérative lyonnaise",
        commune="commune-69123",
        stage="experimentation",
        structure_type="cooperative",
    )

    # Queries: the programme, its territories, themes, publics, calls and
    # published actors, the initiatives it supported and their count, those
    # eligible and their count.
    with django_assert_num_queries(10):
        response = visitor.get("/programmes/fiso/")

    assert [i.name for i in response.context["supported"]] == ["Alter’Incub"]
    assert [i.name for i in response.context["eligible"]] == ["Cantine de Voiron"]
    assert "1 initiative correspond à ses critères" in response.text


def test_the_actor_page_links_its_programmes(visitor, fiso):
    html = visitor.get("/acteurs/bpifrance/").text

    assert 'href="/programmes/fiso/">Fonds d’Innovation Sociale (FISO)</a>' in html


def test_programmes_are_in_the_sitemap(visitor, fiso):
    html = visitor.get("/sitemap-programmes.xml").text

    assert "/programmes/fiso/" in html
