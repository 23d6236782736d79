"""The fiche of an initiative, /initiatives/<slug>/."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor
from initiatives.models import Award, Indicator
from sources.models import Source, SourceListing
from territories.models import Territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wimoov(make_initiative, make_actor, make_programme):
    bank = make_actor("Banque des Territoires", kind=Actor.Kind.BANK)
    bpifrance = make_actor("Bpifrance", kind=Actor.Kind.PUBLIC_FUNDER)
    fiso = make_programme("Fonds d’Innovation Sociale (FISO)", actors=[bpifrance], slug="fiso")
    initiative = make_initiative(
        "Wimoov",
        summary="Des plateformes de mobilité pour les personnes en situation de fragilité.",
        description="Un conseil en mobilité.\n\nUn test de mobilité inclusive.",
        themes=["mobilite", "insertion"],
        publics=["precarite"],
        commune="commune-75056",
        is_national=True,
        contact_email="prive.wimoov@example.org",
        website="https://www.wimoov.org",
        actors=[(bank, "financeur")],
        year_started=1998,
        stage="essaimage",
    )
    initiative.roles.create(actor=bpifrance, role="financeur", programme=fiso)
    Indicator.objects.create(initiative=initiative, label="plateformes", value=26, year=2020)
    Award.objects.create(initiative=initiative, name="Lauréat La France s’engage", year=2016)
    return initiative


def test_the_fiche_shows_everything_public(visitor, wimoov):
    response = visitor.get("/initiatives/wimoov/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "<h1>Wimoov</h1>",
        "Des plateformes de mobilité",
        "Un test de mobilité inclusive",
        "Mobilité",
        "Personnes en situation de précarité",
        "Paris",
        "Toute la France",
        "Essaimage",
        "1998",
        "Banque des Territoires",
        "Fonds d’Innovation Sociale (FISO)",
        "Plateformes : <strong>26</strong>",
        "Lauréat La France s’engage",
        "https://www.wimoov.org",
    ):
        assert text in html, text
    assert '<html lang="fr">' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/initiatives/wimoov/">' in html
    assert '<meta name="description" content="Des plateformes de mobilité' in html


def test_an_actor_with_several_roles_is_listed_once(visitor, wimoov, make_actor):
    bank = wimoov.roles.get(actor__name="Banque des Territoires").actor
    wimoov.roles.create(actor=bank, role="partenaire")
    html = visitor.get("/initiatives/wimoov/").content.decode()
    assert html.count(">Banque des Territoires</a>") == 1
    assert "Banque des Territoires</a> — financeur, partenaire" in html


def test_the_private_email_never_appears(visitor, wimoov):
    for url in ("/initiatives/wimoov/", "/initiatives/", "/initiatives/?q=wimoov", "/"):
        assert "prive.wimoov" not in visitor.get(url).content.decode(), url


# An archived one answers 410 with a notice: tests/freshness/test_archiving.py.
@pytest.mark.parametrize("status", ["draft", "pending", "rejected"])
def test_an_unpublished_initiative_is_not_found(visitor, make_initiative, status):
    make_initiative("Cantine cachée", status=status)
    assert visitor.get("/initiatives/cantine-cachee/").status_code == 404
    assert "Cantine cachée" not in visitor.get("/initiatives/").content.decode()


def test_an_unknown_initiative_is_not_found(visitor, db):
    assert visitor.get("/initiatives/nulle-part/").status_code == 404


def test_similar_initiatives_share_a_theme_and_come_nearest_first(visitor, wimoov, make_initiative):
    make_initiative("Garage solidaire de Lyon", themes=["mobilite"], commune="commune-69123")
    make_initiative("Auto-école sociale de Montreuil", themes=["mobilite"], commune="commune-93048")
    make_initiative("Chorale de Paris", themes=["culture"], commune="commune-75056")
    make_initiative("Garage caché", themes=["mobilite"], status="draft", commune="commune-75056")
    similar = [i.name for i in visitor.get("/initiatives/wimoov/").context["similar"]]
    assert similar == ["Auto-école sociale de Montreuil", "Garage solidaire de Lyon"]


def test_a_fictitious_example_says_so(visitor, make_initiative):
    make_initiative("Atelier inventé", is_fictitious=True)
    html = visitor.get("/initiatives/atelier-invente/").content.decode()
    assert "Exemple fictif" in html


def test_the_fiche_has_a_map_fed_by_data_attributes(visitor, wimoov):
    html = visitor.get("/initiatives/wimoov/").content.decode()
    assert "data-map" in html
    assert 'data-lat="48.' in html
    assert "/static/leaflet/leaflet.js" in html


def test_text_fields_are_escaped(visitor, make_initiative):
    make_initiative(
        "Atelier <script>alert(1)</script>",
        slug="atelier-xss",
        summary="<img src=x onerror=alert(1)>",
        description="<b>gras</b>",
    )
    html = visitor.get("/initiatives/atelier-xss/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;b&gt;gras&lt;/b&gt;" in html


def test_the_number_of_queries_is_constant(
    visitor, wimoov, make_initiative, make_actor, make_programme
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert visitor.get("/initiatives/wimoov/").status_code == 200
        return len(queries)

    few = count()
    for number in range(6):
        partner = make_actor(f"Partenaire {number}")
        wimoov.roles.create(actor=partner, role="partenaire")
        make_initiative(f"Garage {number}", themes=["mobilite"], commune="commune-69123")
        source = Source.objects.create(name=f"Réseau {number}", slug=f"reseau-{number}")
        SourceListing.objects.create(source=source, initiative=wimoov, identifier="wimoov")
        wimoov.sites.create(commune=Territory.objects.by_key("commune-69123"), position=number + 1)
        make_programme(
            f"Programme {number}",
            actors=[partner],
            territories=["region-84"],
            themes=["mobilite"],
            calls=[("Appel", None, date(2099, 1, 1))],
        )
    # Queries: the initiative with commune and carrier, themes, publics,
    # territories, roles with actors and programmes, awards, indicators, the
    # sources listing it, similar initiatives with their communes, its sites
    # with their communes, the contact block (holders and territories
    # interested, in one query), the programmes it may be eligible for with
    # their territories, themes, publics, calls and actors (one query).
    assert count() == few == 12
    assert len(visitor.get("/initiatives/wimoov/").context["programmes"]) == 6


def test_similar_initiatives_in_one_commune_come_in_a_stable_order(
    visitor, wimoov, make_initiative
):
    first = make_initiative("Vélo-école de Montreuil", themes=["mobilite"], commune="commune-93048")
    second = make_initiative(
        "Auto-partage de Montreuil", themes=["mobilite"], commune="commune-93048"
    )
    assert first.point == second.point
    similar = [i.name for i in visitor.get("/initiatives/wimoov/").context["similar"]]
    assert similar == ["Vélo-école de Montreuil", "Auto-partage de Montreuil"]


def test_the_fiche_lists_the_programmes_it_may_be_eligible_for(
    visitor, make_initiative, make_actor, make_programme
):
    region = make_actor("Région Auvergne-Rhône-Alpes", kind="collectivite")
    make_initiative(
        "Cantine de Voiron",
        commune="commune-38563",
        stage="experimentation",
        structure_type="association",
        actors=[(region, "collectivite-partenaire")],
    )
    make_programme(
        "Fonds d’amorçage",
        actors=[region],
        territories=["region-84"],
        stages=["experimentation"],
        calls=[("Appel 2099", None, date(2099, 3, 31))],
    )
    make_programme("Fonds parisien", territories=["departement-75"], is_permanent=True)

    html = visitor.get("/initiatives/cantine-de-voiron/").text

    section = html[html.index("Financements et accompagnements possibles") :]
    assert 'href="/programmes/fonds-damorcage/">Fonds d’amorçage</a>' in section
    assert "Appel ouvert jusqu’au 31 mars 2099" in section
    assert "Pourquoi : Région Auvergne-Rhône-Alpes, étape expérimentation" in section
    assert "Fonds parisien" not in html


def test_the_role_line_names_and_links_the_programme(visitor, wimoov):
    html = visitor.get("/initiatives/wimoov/").text

    assert 'financeur (<a href="/programmes/fiso/">Fonds d’Innovation Sociale (FISO)</a>)' in html
    # The programme that already supports it is not proposed to it.
    assert "Financements et accompagnements possibles" not in html
