import pytest
from django.core.management import call_command

from actors.models import Actor, Programme
from initiatives.models import Award, Indicator, Initiative, InitiativeActor, Site
from sources.models import Source, SourceListing
from tests.shared_data import module_data

NAMED_INITIATIVES = {
    "wimoov": "Wimoov",
    "dotation-d-action-territoriale": "Dotation d’Action Territoriale",
    "domb-innov": "Domb’innov",
    "pole-sud-groupe-archer": "Pôle Sud – Groupe Archer",
    "innovales-1d-cube": "InnoVales et l’incubateur 1D CUBE",
    "alter-incub-auvergne-rhone-alpes": "Alter’Incub Auvergne-Rhône-Alpes",
    "vrac": "VRAC – Vers un réseau d’achat en commun",
    "banlieues-sante": "Banlieues Santé",
    "emmaus-alternatives": "Emmaüs Alternatives",
    "bip-pop": "Bip Pop",
    "les-petites-cantines": "Les Petites Cantines",
    "villages-vivants": "Villages Vivants",
    "insite": "InSite",
    "comptoir-de-campagne": "Comptoir de Campagne",
    "resonantes": "Resonantes",
}

NAMED_ACTORS = [
    "ag2r-la-mondiale",
    "suez",
    "metropole-de-lyon",
    "administration-penitentiaire",
    "ministere-de-la-justice",
    "pays-voironnais",
    "banque-des-territoires",
    "bpifrance",
    "region-auvergne-rhone-alpes",
    "cress-auvergne-rhone-alpes",
    "aract-auvergne-rhone-alpes",
    "urscop-rhone-alpes",
    "france-active",
    "fondation-macif",
    "fondation-la-france-s-engage",
    "avise",
    "la-fonda",
    "le-labo-de-l-ess",
    "fondation-credit-cooperatif",
    "fondation-cognacq-jay",
    "gniac",
    "anct",
    "medcoop",
    "alter-incub",
    "1d-cube",
    "innovales",
    "groupe-archer",
    "break-poverty-foundation",
]


@pytest.fixture(scope="module")
def demo_directory(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker):
        call_command("load_demo")
        yield


@pytest.fixture
def demo(demo_directory, db):
    """The demo directory, loaded once for this module; a test's changes to it
    are rolled back after the test."""


def roles_of(slug):
    return {
        (role.actor.slug, role.role, role.programme.name if role.programme else None)
        for role in InitiativeActor.objects.filter(initiative__slug=slug).select_related(
            "actor", "programme"
        )
    }


def test_it_loads_every_initiative_named_in_the_documents(demo):
    loaded = dict(Initiative.objects.published().values_list("slug", "name"))
    assert loaded == NAMED_INITIATIVES
    assert not Initiative.objects.filter(is_fictitious=True).exists()
    assert not Initiative.objects.filter(published_at=None).exists()


def test_it_loads_every_actor_named_in_the_documents(demo):
    published = set(Actor.objects.published().values_list("slug", flat=True))
    assert set(NAMED_ACTORS) <= published


def test_it_places_initiatives_in_their_communes(demo, territory):
    expected = {
        "wimoov": "commune-75056",
        "pole-sud-groupe-archer": "commune-26281",
        "villages-vivants": "commune-26108",
        "emmaus-alternatives": "commune-93048",
        "les-petites-cantines": "commune-69123",
        "domb-innov": "commune-01427",
    }
    for slug, key in expected.items():
        initiative = Initiative.objects.get(slug=slug)
        assert initiative.commune == territory(key), slug
        assert initiative.point == territory(key).point, slug


def test_wimoov_is_present_in_seven_communes_paris_first(demo, client, territory):
    wimoov = Initiative.objects.get(slug="wimoov")
    assert [site.commune.name for site in wimoov.sites.all()][:2] == ["Paris", "Saint-Denis"]
    assert wimoov.sites.count() == 7

    page = client.get("/initiatives/wimoov/").content.decode()

    assert "Présente dans 7 communes" in page
    assert "Plateforme de l’Isère" in page
    # Located in Lyon by a site, not only acting there from all of France.
    lyon = Initiative.objects.published().in_territory(territory("commune-69123"))
    assert lyon.get(slug="wimoov").is_local


def test_it_stores_territories_of_action_and_national_scope(demo, territory):
    domb_innov = Initiative.objects.get(slug="domb-innov")
    assert set(domb_innov.territories.all()) == {
        territory("epci-200042497"),
        territory("epci-200069193"),
    }
    assert Initiative.objects.get(slug="wimoov").is_national
    assert not domb_innov.is_national


def test_it_stores_the_roles_of_actors_with_their_programmes(demo):
    assert roles_of("wimoov") == {
        (
            "banque-des-territoires",
            "financeur",
            "Innovation sociale dans les territoires (Banque des Territoires)",
        ),
        ("banque-des-territoires", "partenaire", None),
    }
    assert roles_of("alter-incub-auvergne-rhone-alpes") == {
        ("urscop-rhone-alpes", "accompagnateur", None),
        ("region-auvergne-rhone-alpes", "collectivite-partenaire", None),
        ("union-europeenne", "financeur", None),
        ("france-active", "partenaire", None),
        ("cress-auvergne-rhone-alpes", "partenaire", None),
        ("fondation-macif", "partenaire", None),
    }
    assert ("fondation-la-france-s-engage", "financeur", "Concours La France s’engage") in (
        roles_of("resonantes")
    )
    dotation = Initiative.objects.get(slug="dotation-d-action-territoriale")
    assert dotation.carrier.slug == "break-poverty-foundation"
    assert roles_of(dotation.slug) == {
        ("break-poverty-foundation", "accompagnateur", "Dotation d’Action Territoriale"),
        ("banque-des-territoires", "partenaire", None),
    }


def test_it_stores_the_programmes_with_their_actors(demo):
    fiso = Programme.objects.get(slug="fiso")
    assert fiso.name == "Fonds d’Innovation Sociale (FISO)"
    assert {actor.slug for actor in fiso.actors.all()} == {
        "bpifrance",
        "region-auvergne-rhone-alpes",
    }
    assert (fiso.kind, fiso.rate, fiso.is_permanent) == ("pret", 0, True)
    assert [place.key for place in fiso.territories.all()] == ["region-84"]


def test_collectivites_point_to_their_territory(demo, territory):
    assert Actor.objects.get(slug="pays-voironnais").territory == territory("epci-243800984")
    assert Actor.objects.get(slug="region-auvergne-rhone-alpes").territory == territory("region-84")


def test_it_stores_awards_indicators_and_sources(demo):
    wimoov = Initiative.objects.get(slug="wimoov")
    indicator = wimoov.indicators.get()
    assert (indicator.label, indicator.value) == ("plateformes de mobilité", 26)
    assert wimoov.source_name == "Banque des Territoires"
    assert wimoov.year_started == 1998
    laureates = set(
        Award.objects.filter(name="Lauréat La France s’engage").values_list(
            "initiative__slug", flat=True
        )
    )
    assert {"vrac", "bip-pop", "resonantes", "villages-vivants"} <= laureates
    assert Initiative.objects.get(slug="alter-incub-auvergne-rhone-alpes").year_started == 2011


def test_contact_emails_are_fake(demo):
    emails = Initiative.objects.values_list("contact_email", flat=True)
    assert all(email.endswith(".example") for email in emails)


def test_loaded_initiatives_are_indexed_for_search_and_filters(demo, territory):
    found = Initiative.objects.published().search("mobilité")
    assert "wimoov" in {initiative.slug for initiative in found}
    in_drome = Initiative.objects.published().in_territory(territory("departement-26"))
    assert {"villages-vivants", "pole-sud-groupe-archer"} <= {i.slug for i in in_drome}
    supported = Initiative.objects.published().supported_by(
        Actor.objects.get(slug="fondation-la-france-s-engage")
    )
    assert supported.count() == 9


def test_partner_sources_list_the_initiatives_they_vouch_for(demo, visitor):
    laureates = Initiative.objects.published().listed_by(
        Source.objects.get(slug="la-france-s-engage")
    )
    assert laureates.count() == 9
    sources = {
        source.slug: source.published_count for source in Source.objects.with_published_counts()
    }
    assert sources == {"la-france-s-engage": 9, "banque-des-territoires": 2, "medcoop": 4}
    assert "Référencée par" in visitor.get("/initiatives/wimoov/").text


def test_loading_twice_creates_no_duplicates(demo):
    models = (
        Initiative,
        Site,
        Actor,
        Programme,
        InitiativeActor,
        Award,
        Indicator,
        Source,
        SourceListing,
    )
    before = {model: model.objects.count() for model in models}
    Initiative.objects.filter(slug="wimoov").update(name="Ancien nom")
    call_command("load_demo")
    assert {model: model.objects.count() for model in models} == before
    assert Initiative.objects.get(slug="wimoov").name == "Wimoov"
