"""Grouped views of the map read from its counts per cell (initiatives/map_cells.py).

A national view groups every site of the directory: read one by one, they
cost what the directory's size costs (2 s at a million). The counts per cell
of zoom 10 add up into the groups of any coarser zoom, for the whole
directory or one theme, in as many rows as the view has cells of zoom 10.
They are exact where a cell lies wholly inside the viewport; the cells the
viewport's edges cut through (a frame one cell wide) are read site by site,
as before (those of the initiatives the cells count: their contributions),
and both add up, so that every group counts exactly the sites inside the
viewport. A group of one site is then read, to show it.

The list beside the map is read in the order of the search, from an index.
The number of initiatives in view is said to be "more than"
SEARCH_COUNT_LIMIT when the cells inside hold the first site of more than
that many; else they are counted up to that bound.

Only for views holding more than SUMMARY_FROM sites: smaller ones cost little
read site by site (maps.COLLECTION_SQL), which gives groups their exact extent.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.geos import Polygon
from django.db import connections
from django.db.models import Exists, F, OuterRef

from initiatives import map_cells
from initiatives.models import Site

# Below this many sites in view, the map reads them one by one.
SUMMARY_FROM = 5_000
# Float rounding apart, the rectangles used to pick sites by their index are
# this much wider (in degrees) than the cells they stand for; the cell of
# each site then decides.
MARGIN = 1e-7

# The groups of the cells of zoom 10 wholly inside the viewport: sites,
# initiatives whose first site they hold, sums of coordinates, and the extent
# in cells of zoom 10.
CELLS_SQL = """
SELECT floor(x / %(factor)s::float8)::int AS gx, floor(y / %(factor)s::float8)::int AS gy,
       sum(sites)::int, sum(initiatives)::int, sum(sum_x), sum(sum_y),
       min(x), min(y), max(x), max(y)
FROM initiatives_mapcell
WHERE theme_id = %(theme)s AND sites > 0
  AND x BETWEEN %(x0)s AND %(x1)s AND y BETWEEN %(y0)s AND %(y1)s
GROUP BY 1, 2
"""

# The groups of the sites in the frame (in view, outside the inside cells):
# those in four strips, as the counts per cell count them (the contributions
# of published initiatives, of the theme), found by their index.
FRAME_SQL = """
SELECT floor(cx / %(factor)s::float8)::int AS gx, floor(cy / %(factor)s::float8)::int AS gy,
       count(*)::int, sum(x), sum(y), min(x), min(y), max(x), max(y)
FROM (
    SELECT ST_X(site.point) AS x, ST_Y(site.point) AS y,
           {cell_x} AS cx, {cell_y} AS cy
    FROM initiatives_site site
    JOIN initiatives_mapcontribution c ON c.initiative_id = site.initiative_id
    WHERE ({strips})
      AND (%(theme)s = 0 OR c.theme_ids @> ARRAY[%(theme)s]::bigint[])
) placed
WHERE NOT (cx BETWEEN %(x0)s AND %(x1)s AND cy BETWEEN %(y0)s AND %(y1)s)
GROUP BY 1, 2
"""
STRIP_SQL = "site.point && ST_MakeEnvelope({}, {}, {}, {}, 4326)"

# The one site of each group of one site, with what its feature shows.
SINGLES_SQL = """
SELECT DISTINCT ON (cell.gx, cell.gy) cell.gx, cell.gy, ST_X(site.point), ST_Y(site.point),
       json_build_array(i.name, i.slug, i.theme_ids, site.name, commune.name)
FROM unnest(%(gx)s::int[], %(gy)s::int[], %(west)s::float8[], %(south)s::float8[],
            %(east)s::float8[], %(north)s::float8[]) AS cell(gx, gy, west, south, east, north)
JOIN initiatives_site site
    ON site.point && ST_MakeEnvelope(cell.west, cell.south, cell.east, cell.north, 4326)
JOIN initiatives_initiative i ON i.id = site.initiative_id
LEFT JOIN territories_territory commune ON commune.id = site.commune_id
WHERE i.status = 'published' AND (%(theme)s = 0 OR i.theme_ids @> ARRAY[%(theme)s]::bigint[])
  AND floor({cell_x} / %(factor)s::float8) = cell.gx
  AND floor({cell_y} / %(factor)s::float8) = cell.gy
ORDER BY cell.gx, cell.gy, site.id
"""


@dataclass
class Group:
    """Sites of a cell of the viewport's zoom: their number, the sums of their
    coordinates, their extent in degrees, and the one site when alone."""

    sites: int
    sum_x: float
    sum_y: float
    extent: tuple
    details: list | None = None
    point: tuple | None = None

    def add(self, other):
        self.sites += other.sites
        self.sum_x += other.sum_x
        self.sum_y += other.sum_y
        west, south, east, north = self.extent
        w, s, e, n = other.extent
        self.extent = (min(west, w), min(south, s), max(east, e), max(north, n))
        self.details = self.point = None

    @property
    def centre(self):
        return self.point or (self.sum_x / self.sites, self.sum_y / self.sites)


def summary_theme(filterset):
    """The theme whose counts per cell answer the search of `filterset` (0 for
    every theme), or None: other filters need the sites read one by one."""
    data = filterset.form.cleaned_data
    themes = data.get("thematique") or []
    others = [name for name, value in data.items() if value and name not in ("thematique", "tri")]
    if others or len(themes) > 1:
        return None
    return themes[0].pk if themes else map_cells.ALL_THEMES


def mercator(latitude):
    """The latitude on the projection, as the grid reads it (radians)."""
    latitude = max(-map_cells.MAX_LATITUDE, min(map_cells.MAX_LATITUDE, latitude))
    return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))


def latitude(y):
    """The latitude in degrees of `y` on the projection (radians)."""
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


@dataclass(frozen=True)
class Inside:
    """The cells of zoom 10 wholly inside a viewport: columns x0 to x1, rows y0 to y1."""

    x0: int
    x1: int
    y0: int
    y1: int

    @classmethod
    def of(cls, bbox):
        west, south, east, north = bbox
        size = map_cells.cell_size(map_cells.BASE_ZOOM)
        return cls(
            math.ceil(math.radians(west) / size),
            math.floor(math.radians(east) / size) - 1,
            math.ceil(mercator(south) / size),
            math.floor(mercator(north) / size) - 1,
        )

    @property
    def empty(self):
        return self.x0 > self.x1 or self.y0 > self.y1

    def extent(self, x0, y0, x1, y1):
        """The rectangle in degrees of the cells x0..x1, y0..y1 of zoom 10."""
        size = map_cells.cell_size(map_cells.BASE_ZOOM)
        return (
            math.degrees(x0 * size),
            latitude(y0 * size),
            math.degrees((x1 + 1) * size),
            latitude((y1 + 1) * size),
        )

    def frame(self, bbox):
        """The four strips of `bbox` around the inside cells, as rectangles."""
        west, south, east, north = bbox
        inner_west, inner_south, inner_east, inner_north = self.extent(
            self.x0, self.y0, self.x1, self.y1
        )
        return [
            (west, south, inner_west + MARGIN, north),
            (inner_east - MARGIN, south, east, north),
            (west, south, east, inner_south + MARGIN),
            (west, inner_north - MARGIN, east, north),
        ]


def grouped_collection(queryset, theme, bbox, zoom, list_length):
    """The groups, list and count of the viewport `bbox` at `zoom`, from the
    counts per cell of `theme`; None when the view holds too few sites for
    them to be worth it."""
    inside = Inside.of(bbox)
    if inside.empty:
        return None
    # A float, so that the division of a cell's column or row by it is not truncated.
    factor = float(2 ** (map_cells.BASE_ZOOM - zoom))
    groups, at_least = _inside_groups(queryset.db, inside, theme, factor)
    if sum(group.sites for group in groups.values()) <= SUMMARY_FROM:
        return None
    for key, group in _frame_groups(queryset.db, inside, bbox, theme, factor).items():
        if key in groups:
            groups[key].add(group)
        else:
            groups[key] = group
    _read_singles(queryset.db, groups, theme, factor)
    in_view = queryset.filter(
        Exists(Site.objects.filter(initiative=OuterRef("pk"), point__bboverlaps=_box(bbox)))
    )
    return groups, _first(in_view, list_length), _count(in_view, at_least)


def _box(bbox):
    box = Polygon.from_bbox(bbox)
    box.srid = 4326
    return box


def _inside_groups(database, inside, theme, factor):
    params = {"factor": factor, "theme": theme, **inside.__dict__}
    with connections[database].cursor() as cursor:
        cursor.execute(CELLS_SQL, params)
        rows = cursor.fetchall()
    groups = {
        (gx, gy): Group(sites, sum_x, sum_y, inside.extent(x0, y0, x1, y1))
        for gx, gy, sites, _initiatives, sum_x, sum_y, x0, y0, x1, y1 in rows
    }
    return groups, sum(row[3] for row in rows)


def _frame_groups(database, inside, bbox, theme, factor):
    """The sites in view outside the inside cells, grouped; a group of one
    site is read with the others alone (_read_singles())."""
    strips = []
    params = {"factor": factor, "theme": theme, **inside.__dict__}
    for number, strip in enumerate(inside.frame(bbox)):
        names = [f"strip_{number}_{side}" for side in range(4)]
        params.update(zip(names, strip, strict=True))
        strips.append(STRIP_SQL.format(*(f"%({name})s" for name in names)))
    cell_x, cell_y = map_cells.cell_sql(x="ST_X(site.point)", y="ST_Y(site.point)")
    statement = FRAME_SQL.format(strips=" OR ".join(strips), cell_x=cell_x, cell_y=cell_y)
    with connections[database].cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    return {
        (gx, gy): Group(sites, sum_x, sum_y, (west, south, east, north))
        for gx, gy, sites, sum_x, sum_y, west, south, east, north in rows
    }


def _read_singles(database, groups, theme, factor):
    """Read the site of each group of one site, with what its feature shows."""
    alone = {key: group for key, group in groups.items() if group.sites == 1}
    if not alone:
        return
    cell_x, cell_y = map_cells.cell_sql(x="ST_X(site.point)", y="ST_Y(site.point)")
    keys = list(alone)
    extents = [alone[key].extent for key in keys]
    params = {
        "gx": [gx for gx, _gy in keys],
        "gy": [gy for _gx, gy in keys],
        "west": [west - MARGIN for west, *_rest in extents],
        "south": [extent[1] - MARGIN for extent in extents],
        "east": [extent[2] + MARGIN for extent in extents],
        "north": [extent[3] + MARGIN for extent in extents],
        "theme": theme,
        "factor": factor,
    }
    with connections[database].cursor() as cursor:
        cursor.execute(SINGLES_SQL.format(cell_x=cell_x, cell_y=cell_y), params)
        for gx, gy, x, y, details in cursor.fetchall():
            group = alone[(gx, gy)]
            group.point, group.details = (x, y), details


def _first(in_view, length):
    """The first initiatives in view, in the order of the search."""
    rows = in_view.annotate(commune_name=F("commune__name")).values_list(
        "name", "slug", "commune_name"
    )
    return [list(row) for row in rows[:length]]


def _count(in_view, at_least):
    """(number of initiatives in view, exact): counted up to the directory's
    bound, unless the cells tell that there are `at_least` more."""
    limit = settings.SEARCH_COUNT_LIMIT
    if at_least > limit:
        return limit, False
    found = in_view.order_by().values("pk")[: limit + 1].count()
    return (found, True) if found <= limit else (limit, False)
