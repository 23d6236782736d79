"""The map's counts per cell: kept right by every write, and the grouped views
read from them showing what reading every site shows; searches with too many
sites estimated from a sample."""

import io
import json
import math

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command

from initiatives import map_cells
from initiatives.directory import map_sample, map_summary
from initiatives.models import Initiative, MapCell
from themes.models import Theme

pytestmark = pytest.mark.django_db

DATA = "/carte/donnees.geojson"
ISERE_AND_RHONE = "4.6,44.9,6.0,46.0"
# Its west edge runs 4 km west of Voiron: Voiron's cell is cut by it.
CUT_AT_VOIRON = "5.55,44.9,6.0,46.0"


def hand_count():
    """{(theme, x, y): sites} of the published initiatives, counted from their sites."""
    size = map_cells.cell_size(map_cells.BASE_ZOOM)
    counts = {}
    for initiative in Initiative.objects.published().prefetch_related("sites"):
        for site in initiative.sites.all():
            if site.point is None:
                continue
            x = math.floor(math.radians(site.point.x) / size)
            y = math.floor(map_summary.mercator(site.point.y) / size)
            for theme in [0, *initiative.theme_ids]:
                counts[(theme, x, y)] = counts.get((theme, x, y), 0) + 1
    return counts


def stored():
    return {
        (cell.theme_id, cell.x, cell.y): cell.sites for cell in MapCell.objects.exclude(sites=0)
    }


@pytest.fixture
def rhone_alpes(make_initiative):
    """Three initiatives in Voiron, one in Grenoble (and Voiron), two in Lyon."""
    for number in range(3):
        make_initiative(
            f"Épicerie de Voiron {number}", themes=["commerce"], commune="commune-38563"
        )
    make_initiative(
        "Vélo grenoblois", themes=["mobilite"], commune="commune-38185", sites=["commune-38563"]
    )
    make_initiative("Garage lyonnais", themes=["mobilite"], commune="commune-69123")
    make_initiative("Cantine lyonnaise", themes=["commerce"], commune="commune-69123")


def test_the_cells_count_the_sites_of_published_initiatives_by_theme(rhone_alpes):
    counts = stored()
    assert counts == hand_count()
    assert sum(n for (theme, _x, _y), n in counts.items() if theme == 0) == 7
    mobilite = Theme.objects.get(slug="mobilite")
    assert sum(n for (theme, _x, _y), n in counts.items() if theme == mobilite.pk) == 3


def test_the_cells_follow_unpublication_publication_and_archiving(rhone_alpes):
    garage = Initiative.objects.get(slug="garage-lyonnais")
    garage.return_to_draft()
    assert stored() == hand_count()
    assert sum(n for (theme, *_cell), n in stored().items() if theme == 0) == 6
    garage.publish()
    garage.archive()
    assert stored() == hand_count()
    Initiative.objects.filter(slug__startswith="epicerie").update(status="pending")
    # Vélo grenoblois's two sites and Cantine lyonnaise's.
    assert sum(n for (theme, *_cell), n in stored().items() if theme == 0) == 3
    assert stored() == hand_count()


def test_the_cells_follow_sites_themes_and_deletions(rhone_alpes, territory):
    velo = Initiative.objects.get(slug="velo-grenoblois")
    velo.sites.last().delete()
    lyon = territory("commune-69123").point
    velo.locate(commune=territory("commune-69123"), point=Point(lyon.x + 0.001, lyon.y))
    velo.themes.set(Theme.objects.filter(slug="commerce"))
    assert stored() == hand_count()
    Initiative.objects.get(slug="cantine-lyonnaise").delete()
    Initiative.objects.filter(slug__startswith="epicerie").delete()
    assert stored() == hand_count()
    assert sum(n for (theme, *_cell), n in stored().items() if theme == 0) == 2
    cell = MapCell.objects.get(theme_id=0, sites=2)
    # Their centre: the mean of their positions.
    assert cell.sum_x / cell.sites == pytest.approx(lyon.x + 0.0005)


def test_refresh_search_rebuilds_the_cells_from_the_sites(rhone_alpes):
    MapCell.objects.filter(theme_id=0).update(sites=99)
    MapCell.objects.create(theme_id=0, x=0, y=0, sites=5)
    call_command("refresh_search", stdout=io.StringIO())
    assert stored() == hand_count()


def geojson(client, **params):
    response = client.get(DATA, params)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def features(collection):
    """The features, their coordinates rounded (sums in another order)."""
    found = []
    for feature in collection["features"]:
        lng, lat = feature["geometry"]["coordinates"]
        properties = dict(feature["properties"])
        properties.pop("emprise", None)
        found.append((round(lng, 4), round(lat, 4), json.dumps(properties, sort_keys=True)))
    return sorted(found)


@pytest.mark.parametrize(
    "params",
    [
        {"zoom": "8", "bbox": ISERE_AND_RHONE},
        {"zoom": "10", "bbox": ISERE_AND_RHONE},
        {"zoom": "8", "bbox": CUT_AT_VOIRON},
        {"zoom": "6", "bbox": "-8.9,40.6,13.1,52.3", "thematique": "mobilite"},
        {"zoom": "9", "bbox": CUT_AT_VOIRON, "thematique": "commerce", "tri": "nom"},
    ],
)
def test_grouped_views_from_the_cells_show_what_the_sites_show(
    visitor, rhone_alpes, monkeypatch, params
):
    read_one_by_one = geojson(visitor, **params)
    monkeypatch.setattr(map_summary, "SUMMARY_FROM", 0)
    summed = geojson(visitor, **params)
    assert summed["groupes"] is True
    assert features(summed) == features(read_one_by_one)
    assert summed["total"] == read_one_by_one["total"]
    assert summed["liste"] == read_one_by_one["liste"]
    assert summed["total_exact"] is True


def test_a_group_from_the_cells_tells_where_its_sites_are(visitor, rhone_alpes, monkeypatch):
    monkeypatch.setattr(map_summary, "SUMMARY_FROM", 0)
    collection = geojson(visitor, zoom=8, bbox=ISERE_AND_RHONE)
    lyon = next(f for f in collection["features"] if f["properties"].get("nombre") == 2)
    west, south, east, north = lyon["properties"]["emprise"]
    lng, lat = lyon["geometry"]["coordinates"]
    assert west <= lng <= east and south <= lat <= north
    # Within a cell of zoom 10 (about 7 km) of Lyon.
    assert 4.7 < west and east < 5.0 and 45.6 < south and north < 45.9


def test_past_the_bound_the_number_in_view_is_said_to_be_more(
    visitor, rhone_alpes, monkeypatch, settings
):
    monkeypatch.setattr(map_summary, "SUMMARY_FROM", 0)
    settings.SEARCH_COUNT_LIMIT = 4
    collection = geojson(visitor, zoom=8, bbox=ISERE_AND_RHONE)
    assert collection["total"] == 4
    assert collection["total_exact"] is False
    assert len(collection["liste"]) == 6
    settings.SEARCH_COUNT_LIMIT = 6
    assert geojson(visitor, zoom=8, bbox=ISERE_AND_RHONE)["total_exact"] is True


def test_only_published_initiatives_are_read_from_the_cells(visitor, make_initiative, monkeypatch):
    monkeypatch.setattr(map_summary, "SUMMARY_FROM", 0)
    make_initiative("Épicerie de Voiron", commune="commune-38563", contact_email="a@example.org")
    make_initiative("Projet caché", commune="commune-38185", status="pending")
    collection = geojson(visitor, zoom=8, bbox=ISERE_AND_RHONE)
    text = json.dumps(collection, ensure_ascii=False)
    assert "Épicerie de Voiron" in text
    assert "caché" not in text and "a@example.org" not in text
    assert collection["total"] == 1
    assert [f["properties"].get("nombre") for f in collection["features"]] == [None]


def test_other_filters_read_the_sites(visitor, rhone_alpes, monkeypatch):
    monkeypatch.setattr(map_summary, "SUMMARY_FROM", 0)
    collection = geojson(visitor, zoom=8, bbox=ISERE_AND_RHONE, q="garage")
    assert collection["total"] == 1
    collection = geojson(visitor, zoom=8, bbox=ISERE_AND_RHONE, thematique=["mobilite", "commerce"])
    assert collection["total"] == 0


def test_a_grouped_view_from_the_cells_costs_a_fixed_number_of_queries(
    visitor, rhone_alpes, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(map_summary, "SUMMARY_FROM", 0)
    geojson(visitor, zoom=8, bbox=CUT_AT_VOIRON)
    # The cells inside the view, the sites of its frame, the groups of one
    # site, the list, the count, the themes.
    with django_assert_num_queries(6):
        geojson(visitor, zoom=8, bbox=CUT_AT_VOIRON)


@pytest.fixture
def everyone_sampled(monkeypatch):
    """Every initiative in the map's sample, which then stands for itself alone."""
    monkeypatch.setattr(map_sample, "SAMPLES", ((2**63 - 1, 1.0),))
    monkeypatch.setattr(map_sample, "MIN_SAMPLE_SITES", 1)


@pytest.mark.parametrize(
    "params",
    [
        {"zoom": "8", "bbox": ISERE_AND_RHONE, "q": "épicerie"},
        {"zoom": "6", "bbox": "-8.9,40.6,13.1,52.3", "territoire": "departement-38"},
    ],
)
def test_a_search_with_too_many_sites_is_estimated_from_a_sample_and_says_so(
    visitor, rhone_alpes, params, request
):
    read_one_by_one = geojson(visitor, **params)
    request.getfixturevalue("everyone_sampled")
    estimated = geojson(visitor, **params)
    assert estimated["estime"] is True
    assert estimated["total_exact"] is False
    assert estimated["total"] == read_one_by_one["total"]
    # Every group is a group, its number an estimate, where the sites are.
    assert all("nombre" in f["properties"] for f in estimated["features"])
    assert sorted(
        (f["properties"]["nombre"], [round(c, 4) for c in f["geometry"]["coordinates"]])
        for f in estimated["features"]
    ) == sorted(
        (
            f["properties"].get("nombre", 1),
            [round(c, 4) for c in f["geometry"]["coordinates"]],
        )
        for f in read_one_by_one["features"]
    )
    # The list is exact: the first in the order of the search.
    assert estimated["liste"] == read_one_by_one["liste"]


def test_a_search_with_few_sites_in_the_sample_is_read_exactly(visitor, rhone_alpes):
    collection = geojson(visitor, zoom=6, bbox="-8.9,40.6,13.1,52.3", q="épicerie")
    assert "estime" not in collection
    assert collection["total"] == 3 and collection["total_exact"] is True
