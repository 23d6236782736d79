"""The map's counts per cell: kept right by every write."""

import math

import pytest
from django.contrib.gis.geos import Point

from initiatives import map_cells
from initiatives.models import Initiative, MapCell
from themes.models import Theme

pytestmark = pytest.mark.django_db


def hand_count():
    """{(theme, x, y): sites} of the published initiatives, counted from their sites."""
    size = map_cells.cell_size(map_cells.BASE_ZOOM)
    counts = {}
    for initiative in Initiative.objects.published().prefetch_related("sites"):
        for site in initiative.sites.all():
            if site.point is None:
                continue
            x = math.floor(math.radians(site.point.x) / size)
            mercator = math.log(math.tan(math.pi / 4 + math.radians(site.point.y) / 2))
            y = math.floor(mercator / size)
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
