"""Initiatives present in several places: their sites on the map, in the
territory filter, the search, proximity and the fiche."""

import importlib
import json

import pytest
from django.apps import apps
from django.contrib.gis.db.models.functions import Distance
from django.db import connection

from initiatives.models import Initiative, Site
from submissions.proposals import proposal_apply, proposal_from_initiative
from territories.models import Territory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

DATA = "/carte/donnees.geojson"
# west, south, east, north
VOIRON = "5.55,45.33,5.65,45.40"
LYON = "4.75,45.70,4.90,45.80"
ISERE_AND_RHONE = "4.6,44.9,6.0,46.0"

VOIRON_KEY, LYON_KEY, ROMANS_KEY = "commune-38563", "commune-69123", "commune-26281"


@pytest.fixture
def mobility(make_initiative):
    """A mobility platform in Voiron (its main site) with sites in Lyon and Romans."""
    return make_initiative("Plateformes mobilité", commune=VOIRON_KEY, sites=[LYON_KEY, ROMANS_KEY])


def geojson(client, **params):
    response = client.get(DATA, params)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def listed(client, **params):
    response = client.get("/initiatives/", params)
    assert response.status_code == 200
    return response.context["results"].page.object_list


def test_the_first_site_is_the_initiative_s_main_place(mobility, territory):
    voiron = territory(VOIRON_KEY)
    assert [site.commune.key for site in mobility.sites.all()] == [
        VOIRON_KEY,
        LYON_KEY,
        ROMANS_KEY,
    ]
    assert (mobility.commune, mobility.point) == (voiron, voiron.point)


def test_removing_the_main_site_makes_the_next_one_main(mobility, territory):
    mobility.sites.get(commune__code="38563").delete()

    mobility.refresh_from_db()
    assert mobility.commune == territory(LYON_KEY)
    assert mobility.point == territory(LYON_KEY).point


def test_the_proposal_form_edits_the_main_site_and_keeps_the_others(mobility, territory):
    data = proposal_from_initiative(mobility)
    data.update(commune=territory("commune-38185").pk, point=None, address="2 place Félix Poulat")

    proposal_apply(mobility, data)

    sites = list(mobility.sites.select_related("commune"))
    assert [(site.commune.name, site.address) for site in sites] == [
        ("Grenoble", "2 place Félix Poulat"),
        ("Lyon", ""),
        ("Romans-sur-Isère", ""),
    ]
    mobility.refresh_from_db()
    assert (mobility.commune.name, mobility.address) == ("Grenoble", "2 place Félix Poulat")
    assert mobility.point == territory("commune-38185").point


def test_the_map_shows_every_site_and_lists_the_initiative_once(visitor, mobility):
    collection = geojson(visitor, zoom=14, bbox=ISERE_AND_RHONE)

    places = sorted(feature["properties"]["commune"] for feature in collection["features"])
    assert places == ["Lyon", "Romans-sur-Isère", "Voiron"]
    assert {feature["properties"]["nom"] for feature in collection["features"]} == {
        "Plateformes mobilité"
    }
    assert collection["total"] == 1
    assert [item["nom"] for item in collection["liste"]] == ["Plateformes mobilité"]
    # The main commune names the initiative in the list.
    assert collection["liste"][0]["commune"] == "Voiron"


def test_a_site_alone_in_its_cell_names_its_initiative_its_commune_and_itself(visitor, mobility):
    mobility.sites.filter(commune__code="69123").update(name="Plateforme de Lyon")

    collection = geojson(visitor, zoom=14, bbox=LYON)

    (feature,) = collection["features"]
    assert feature["properties"] == {
        "nom": "Plateformes mobilité",
        "url": "/initiatives/plateformes-mobilite/",
        "commune": "Lyon",
        "lieu": "Plateforme de Lyon",
        "thematiques": [],
    }


def test_map_groups_count_sites(visitor, mobility, make_initiative):
    make_initiative("Garage lyonnais", commune=LYON_KEY)

    collection = geojson(visitor, zoom=8, bbox=LYON)

    (group,) = collection["features"]
    assert group["properties"]["nombre"] == 2
    assert collection["total"] == 2


def test_the_territory_filter_finds_an_initiative_by_its_second_site(visitor, mobility):
    for key in (LYON_KEY, "epci-200046977", "departement-69", "region-84"):
        names = [card.name for card in listed(visitor, territoire=key)]
        assert names == ["Plateformes mobilité"], key
    # Located there: not "acts from a wider scale".
    (card,) = listed(visitor, territoire=LYON_KEY)
    assert not card.acts_wider
    assert listed(visitor, territoire="departement-75") == []


def test_the_territory_page_of_a_second_site_lists_the_initiative(visitor, mobility):
    response = visitor.get(f"/territoires/{LYON_KEY}/")

    assert response.status_code == 200
    assert "Plateformes mobilité" in response.content.decode()


def test_search_finds_an_initiative_by_the_commune_of_any_site(mobility):
    published = Initiative.objects.published()
    assert list(published.search("Romans")) == [mobility]

    mobility.sites.get(commune__code="26281").delete()
    assert not published.search("Romans").exists()

    Site.objects.create(initiative=mobility, commune=Territory.objects.by_key("commune-42218"))
    assert list(published.search("Saint-Étienne")) == [mobility]


def test_proximity_counts_the_nearest_site_with_its_distance(
    visitor, mobility, make_initiative, territory
):
    make_initiative("Cantine lyonnaise", commune=LYON_KEY)
    villeurbanne = territory("commune-69266")
    lyon_km = (
        Territory.objects.filter(pk=territory(LYON_KEY).pk)
        .annotate(distance=Distance("point", villeurbanne.point))
        .get()
        .distance.km
    )

    cards = listed(visitor, pres_de="commune-69266", rayon="10")

    assert sorted(card.name for card in cards) == ["Cantine lyonnaise", "Plateformes mobilité"]
    assert {card.distance for card in cards} == {f"à {round(lyon_km)} km"}
    (found,) = Initiative.objects.published().near(villeurbanne.point, 10).filter(pk=mobility.pk)
    assert found.distance.km == pytest.approx(lyon_km)
    # Voiron, its main site, is 80 km away: further than that, none.
    assert [card.name for card in listed(visitor, pres_de="commune-69266", rayon="3")] == []


def test_the_fiche_lists_the_communes_of_its_sites(visitor, mobility):
    response = visitor.get(mobility.get_absolute_url())

    page = response.content.decode()
    assert "Présente dans 3 communes" in page
    for key, name in ((VOIRON_KEY, "Voiron"), (LYON_KEY, "Lyon"), (ROMANS_KEY, "Romans-sur-Isère")):
        assert f'<a href="/territoires/{key}/">{name}</a>' in page
    points = response.context["map_points"]
    assert [point["label"] for point in points] == ["Voiron", "Lyon", "Romans-sur-Isère"]
    assert 'data-points="lieux-initiative"' in page


def test_a_fiche_with_one_site_shows_its_place(visitor, make_initiative):
    initiative = make_initiative(
        "Épicerie de Voiron", commune=VOIRON_KEY, address="1 rue Sermorens"
    )

    page = visitor.get(initiative.get_absolute_url()).content.decode()

    assert "Présente dans" not in page
    assert '1 rue Sermorens, <a href="/territoires/commune-38563/">Voiron</a>' in page


def test_the_fiche_and_the_map_take_as_many_queries_whatever_the_number_of_sites(
    visitor, make_initiative
):
    one = make_initiative("Une plateforme", themes=["commerce"], commune=VOIRON_KEY)
    many = make_initiative(
        "Six plateformes",
        themes=["mobilite"],
        commune=VOIRON_KEY,
        sites=[LYON_KEY, ROMANS_KEY, "commune-69266", "commune-42218", "commune-38185"],
    )

    assert count_queries(visitor, many.get_absolute_url(), warm=True) == count_queries(
        visitor, one.get_absolute_url(), warm=True
    )
    for zoom in ("8", "14"):
        counts = {
            count_queries(
                visitor, DATA, {"zoom": zoom, "bbox": ISERE_AND_RHONE, "thematique": slug}
            )
            for slug in ("commerce", "mobilite")
        }
        assert len(counts) == 1, counts


def test_the_migration_makes_the_place_of_each_initiative_its_first_site(
    make_initiative, territory
):
    migration = importlib.import_module("initiatives.migrations.0007_sites")
    located = make_initiative("Épicerie de Voiron")
    nowhere = make_initiative("Réseau sans adresse")
    voiron = territory(VOIRON_KEY)
    # As stored before sites existed: the place in the initiative's own columns.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE initiatives_initiative SET commune_id = %s, point = %s, address = %s"
            " WHERE id = %s",
            [voiron.pk, voiron.point.ewkt, "1 rue Sermorens", located.pk],
        )

    with connection.schema_editor() as editor:
        migration.sites_from_locations(apps, editor)
        migration.sites_from_locations(apps, editor)

    site = Site.objects.get(initiative=located)
    assert (site.commune, site.point, site.address, site.position) == (
        voiron,
        voiron.point,
        "1 rue Sermorens",
        0,
    )
    assert not nowhere.sites.exists()
