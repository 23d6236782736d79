"""The territories' tallies (territories.models.Tally), which the dashboards
read: they follow every write of an initiative, counted here by hand."""

import pytest

from actors.models import Actor
from initiatives.models import Initiative
from territories.dashboard import territory_figures
from territories.models import Tally, Territory
from themes.models import Theme

pytestmark = pytest.mark.django_db

VOIRON = "commune-38563"
GRENOBLE = "commune-38185"


def tallied(key):
    """{(facet, value): initiatives} of the territory `key`, without the zeros;
    themes and actors by slug."""
    territory = Territory.objects.by_key(key)
    slugs = {
        "theme": dict(Theme.objects.values_list("pk", "slug")),
        "actor": dict(Actor.objects.values_list("pk", "slug")),
    }
    found = {}
    for facet, value, number in Tally.objects.filter(
        territory=territory, initiatives__gt=0
    ).values_list("facet", "value", "initiatives"):
        if facet in slugs:
            value = slugs[facet][int(value)]
        found[(facet, value)] = number
    return found


def voiron_figures():
    return territory_figures(
        Territory.objects.select_related("region", "departement").get(kind="commune", code="38563")
    )


@pytest.fixture
def cafe(make_initiative, make_actor):
    """A repair café of Voiron, funded by a foundation."""
    foundation = make_actor("Fondation du quartier", slug="fondation")
    return make_initiative(
        "Repair café de Voiron",
        themes=["culture"],
        commune=VOIRON,
        stage=Initiative.Stage.EXPERIMENTATION,
        actors=[(foundation, "financeur")],
    )


def test_a_published_initiative_counts_in_its_commune_and_every_territory_around_it(cafe):
    # culture is a thématique of the domaine cadre-de-vie, which counts it too.
    expected = {
        ("total", ""): 1,
        ("stage", "experimentation"): 1,
        ("theme", "culture"): 1,
        ("theme", "cadre-de-vie"): 1,
        ("actor", "fondation"): 1,
    }
    assert tallied(VOIRON) == expected
    assert tallied("departement-38") == expected
    assert tallied("region-84") == expected
    assert tallied(GRENOBLE) == {}


def test_a_draft_counts_nowhere_until_it_is_published(make_initiative):
    draft = make_initiative("Brouillon", themes=["mobilite"], commune=VOIRON, status="draft")
    assert tallied(VOIRON) == {}
    assert voiron_figures().total == 0

    draft.publish()

    assert tallied(VOIRON)[("theme", "mobilite")] == 1
    assert voiron_figures().total == 1


def test_an_edit_moves_its_counts(cafe):
    cafe.stage = Initiative.Stage.CONSOLIDATION
    cafe.save()
    cafe.themes.set(Theme.objects.filter(slug="mobilite"))
    site = cafe.sites.get()
    site.commune = Territory.objects.by_key(GRENOBLE)
    site.save()

    assert tallied(VOIRON) == {}
    assert tallied(GRENOBLE) == {
        ("total", ""): 1,
        ("stage", "consolidation"): 1,
        ("theme", "mobilite"): 1,
        ("theme", "cadre-de-vie"): 1,
        ("actor", "fondation"): 1,
    }
    assert tallied("departement-38")[("total", "")] == 1


def test_acting_in_another_territory_counts_there_too(cafe):
    cafe.territories.set([Territory.objects.by_key(GRENOBLE)])
    assert tallied(GRENOBLE)[("theme", "culture")] == 1
    # Once in Isère, however many of its communes it is in.
    assert tallied("departement-38")[("total", "")] == 1


def test_an_actor_removed_no_longer_counts(cafe):
    cafe.roles.all().delete()
    assert ("actor", "fondation") not in tallied(VOIRON)
    assert tallied(VOIRON)[("total", "")] == 1


def test_unpublished_archived_or_deleted_it_no_longer_counts(cafe, make_initiative):
    make_initiative("Autre café", themes=["culture"], commune=VOIRON)
    assert tallied(VOIRON)[("theme", "culture")] == 2

    cafe.return_to_draft()
    assert tallied(VOIRON)[("theme", "culture")] == 1
    cafe.publish()
    cafe.archive()
    assert tallied(VOIRON)[("theme", "culture")] == 1
    cafe.restore()
    assert tallied(VOIRON)[("theme", "culture")] == 2
    cafe.delete()
    assert tallied(VOIRON)[("theme", "culture")] == 1
    assert voiron_figures().total == 1


def test_a_bulk_update_or_deletion_counts_once_per_initiative(make_initiative):
    for number in range(3):
        make_initiative(f"Jardin {number}", themes=["biodiversite"], commune=VOIRON)
    everyone = Initiative.objects.filter(name__startswith="Jardin")

    everyone.update(stage=Initiative.Stage.ESSAIMAGE)
    assert tallied(VOIRON)[("stage", "essaimage")] == 3
    assert tallied(VOIRON)[("total", "")] == 3

    everyone.filter(name="Jardin 0").update(status=Initiative.Status.ARCHIVED)
    assert tallied(VOIRON)[("total", "")] == 2
    everyone.delete()
    assert tallied(VOIRON) == {}


def test_the_api_summary_follows_an_archiving_and_a_restoring(client, cafe):
    url = f"/api/v1/territoires/{VOIRON}/synthese/"
    assert client.get(url).json()["initiatives"] == 1

    cafe.archive()
    assert client.get(url).json()["initiatives"] == 0

    cafe.restore()
    themes = {theme["slug"]: theme for theme in client.get(url).json()["thematiques"]}
    assert themes["culture"]["initiatives"] == 1
