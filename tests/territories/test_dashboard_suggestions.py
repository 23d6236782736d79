"""« À essaimer chez vous » and « Qui peut aider » on Voiron's dashboard, where
mobilité is missing and culture weak (tests/territories/conftest.py)."""

import pytest

from actors.models import Actor, Programme
from initiatives.models import Award, Indicator, Initiative
from territories.dashboard import dashboard
from territories.models import Territory
from tests.territories.conftest import VOIRON

pytestmark = pytest.mark.django_db

PROVEN = Initiative.Stage.ESSAIMAGE
GROWING = Initiative.Stage.CONSOLIDATION


def voiron_dashboard():
    place = Territory.objects.select_related("region", "departement").by_key(VOIRON)
    return dashboard(place)


@pytest.fixture
def proven_elsewhere(voiron_directory, make_initiative):
    """Initiatives outside the comparable communes, so the figures stay as computed."""
    make = make_initiative
    far = make(
        "Vélo pour tous",
        themes=["mobilite"],
        stage=PROVEN,
        commune="commune-75056",  # Paris, about 460 km away
        sites=["commune-69123"],
    )
    Award.objects.create(initiative=far, name="Lauréat La France s’engage", year=2019)
    Indicator.objects.create(
        initiative=far, label="personnes accompagnées", value=1200, unit="", year=2023
    )
    make(
        "Garage solidaire de la Drôme",
        themes=["mobilite", "insertion"],
        stage=GROWING,
        commune="commune-26362",  # Valence, about 75 km away
        sites=["commune-69123"],
    )
    make(
        "Insertion par le maraîchage",
        themes=["insertion"],
        stage=PROVEN,
        commune="commune-01053",  # Bourg-en-Bresse, about 95 km away: nothing missing here
        sites=["commune-69123"],
    )
    make(
        "Culture itinérante",
        themes=["culture"],
        stage=GROWING,
        territories=["departement-26", "departement-01"],  # no site: no distance
    )
    # Not suggested: not proven yet, on one site only, already in Voiron, a draft.
    make("Vélo naissant", themes=["mobilite"], commune="commune-26362", sites=["commune-69123"])
    make("Vélo d’un seul lieu", themes=["mobilite"], stage=PROVEN, commune="commune-26362")
    make(
        "Insertion déjà là",
        themes=["insertion"],
        stage=PROVEN,
        commune="commune-69123",
        sites=["commune-38563"],
    )
    make(
        "Vélo en brouillon",
        themes=["mobilite"],
        stage=PROVEN,
        commune="commune-26362",
        sites=["commune-69123"],
        status="draft",
    )


def test_proven_initiatives_answering_what_is_missing_come_first_then_the_nearest(
    proven_elsewhere,
):
    suggestions = voiron_dashboard().suggestions
    assert [s.name for s in suggestions] == [
        "Garage solidaire de la Drôme",
        "Vélo pour tous",
        "Culture itinérante",
        "Insertion par le maraîchage",
    ]
    assert [s.km for s in suggestions] == [73, 461, None, 98]
    assert [[theme.slug for theme in s.answers] for s in suggestions] == [
        ["mobilite"],
        ["mobilite"],
        ["culture"],
        [],
    ]
    assert [(s.sites, s.territories) for s in suggestions] == [(2, 0), (2, 0), (0, 2), (2, 0)]


def test_each_suggestion_shows_its_awards_indicators_and_an_essaimage_request(
    client, proven_elsewhere
):
    html = client.get(f"/territoires/{VOIRON}/").content.decode()
    assert "Lauréat La France s’engage (2019)" in html
    assert "<strong>1\xa0200</strong> personnes accompagnées (2023)" in html
    assert (
        'href="/initiatives/velo-pour-tous/contacter/?objet=essaimage&amp;profil=elu'
        '&amp;territoire=commune-38563">Contacter pour essaimer' in html
    )
    assert "Répond à ce qui manque ici : Mobilité" in html


def test_the_essaimage_link_opens_the_request_with_voiron_filled_in(client, proven_elsewhere):
    url = (
        "/initiatives/velo-pour-tous/contacter/?objet=essaimage&profil=elu&territoire=commune-38563"
    )
    form = client.get(url).context["form"]
    assert (form["purpose"].value(), form["sender_kind"].value()) == ("essaimage", "elu")
    assert str(form["territory"].value()) == "Voiron (38500)"


@pytest.fixture
def helpers(voiron_directory, make_actor):
    here = Initiative.objects.get(slug="insertion-et-culture-a-voiron")
    acting_here = Initiative.objects.get(slug="sante-mobile")
    region = make_actor("Région Auvergne-Rhône-Alpes", kind=Actor.Kind.PUBLIC_FUNDER)
    region.territories.set([Territory.objects.by_key("region-84")])
    fiso = Programme.objects.create(
        name="Fonds d’Innovation Sociale (FISO)", slug="fiso", kind="pret"
    )
    fiso.actors.add(region)
    network = make_actor("France Active", kind=Actor.Kind.NETWORK, is_national=True)
    lyon_incubator = make_actor("Incubateur lyonnais", kind=Actor.Kind.INCUBATOR)
    lyon_incubator.territories.set([Territory.objects.by_key("departement-69")])
    make_actor("Fonds du Rhône", kind=Actor.Kind.FUNDER).territories.set(
        [Territory.objects.by_key("departement-69")]
    )
    carrier = make_actor("Association porteuse", kind=Actor.Kind.STRUCTURE, is_national=True)
    make_actor("Fondation cachée", kind=Actor.Kind.FOUNDATION, is_national=True, is_published=False)
    for initiative, actor, role in [
        (here, region, "financeur"),
        (acting_here, region, "financeur"),
        (acting_here, lyon_incubator, "accompagnateur"),
        (here, carrier, "partenaire"),
    ]:
        initiative.roles.create(actor=actor, role=role)
    return network


def test_who_can_help_lists_the_actors_acting_here_those_supporting_most_first(helpers):
    found = voiron_dashboard().helpers
    assert [(h.name, h.supported_here) for h in found] == [
        ("Région Auvergne-Rhône-Alpes", 2),
        ("Incubateur lyonnais", 1),
        ("France Active", 0),
    ]
    assert [p.name for p in found[0].programmes] == ["Fonds d’Innovation Sociale (FISO)"]


def test_who_can_help_shows_their_programmes_on_the_page(client, helpers):
    html = client.get(f"/territoires/{VOIRON}/").content.decode()
    assert '<a href="/acteurs/region-auvergne-rhone-alpes/">Région Auvergne-Rhône-Alpes</a>' in html
    assert "soutient 2 initiatives ici" in html
    assert '<li><a href="/programmes/fiso/">Fonds d’Innovation Sociale (FISO)</a></li>' in html
    assert "Fondation cachée" not in html
