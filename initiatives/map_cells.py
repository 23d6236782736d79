"""The map's counts per cell: how many sites of published initiatives lie in
each cell of the finest grid the map groups on, for the whole directory and
for each theme, so that a grouped view of the map reads as many rows as it has
cells, whatever the number of sites.

The grid is that of the map (initiatives/directory/maps.py): cells of
CELL_PIXELS on the Web Mercator projection at a zoom level. A cell of zoom z
is exactly 2^(BASE_ZOOM - z) × 2^(BASE_ZOOM - z) cells of BASE_ZOOM, so the
counts kept at BASE_ZOOM add up into those of every coarser zoom. Each cell
keeps its number of sites, the sums of their longitudes and latitudes (for
the centre of a group) and the number of initiatives whose first site (with a
position) it holds: an initiative is counted in one cell at most, so that the
cells of a view tell at least how many initiatives it holds. Theme 0 stands
for every theme.

Kept by the search index's one write path (search_index.refresh()): each
initiative's contribution (its sites and themes while it is published) is
stored with it, so that a refresh adds the difference between what it
contributed and what it contributes now, set-based for a whole batch. An
initiative about to be deleted withdraws its contribution first (unmap()).
"""

import math

from django.db import connection

# The finest zoom the map groups at (maps.CLUSTER_MAX_ZOOM) and its cells.
BASE_ZOOM = 10
CELL_PIXELS = 64
TILE_PIXELS = 256
# Web Mercator stops at ±85.05°; sites further north or south are put on its edge.
MAX_LATITUDE = 85.0
# Every theme: the counts of the directory unfiltered.
ALL_THEMES = 0


def cell_size(zoom):
    """The side of a cell of the grid of `zoom`, in radians of the projection."""
    return 2 * math.pi * CELL_PIXELS / (TILE_PIXELS * 2**zoom)


# The cell of BASE_ZOOM of a site at longitude {x} and latitude {y} (degrees),
# as the map's grid computes it for any zoom (maps.GRID_SQL), the same
# floating-point operations on the same numbers.
CELL_X_SQL = "floor(radians({x}) / {cell}::float8)::int"
CELL_Y_SQL = (
    "floor(ln(tan(pi() / 4 + radians(least(greatest({y}, -{top}::float8), {top}::float8))"
    " / 2)) / {cell}::float8)::int"
)


def cell_sql(x="x", y="y"):
    """The column and the row of the cell of BASE_ZOOM of the point (`x`, `y`), in SQL."""
    numbers = {"cell": repr(cell_size(BASE_ZOOM)), "top": repr(MAX_LATITUDE)}
    return CELL_X_SQL.format(x=x, **numbers), CELL_Y_SQL.format(y=y, **numbers)


# What the initiatives `ids` contribute now (their sites with a position and
# their themes, while published; nothing once `keep` is false) against what
# they contributed; the difference is stored, and added to the cells, in the
# order of their keys so that two writers never wait for each other in turn.
REFRESH_SQL = """
WITH now AS MATERIALIZED (
    SELECT i.id,
           CASE WHEN i.status = 'published' AND %(keep)s THEN (
               SELECT ST_Multi(ST_Collect(s.point ORDER BY s.id)) FROM initiatives_site s
               WHERE s.initiative_id = i.id AND s.point IS NOT NULL)
           END AS sites,
           i.theme_ids
    FROM initiatives_initiative i WHERE i.id = ANY(%(ids)s)
),
before AS (
    SELECT * FROM initiatives_mapcontribution WHERE initiative_id = ANY(%(ids)s) FOR UPDATE
),
changed AS (
    SELECT now.id, now.sites, now.theme_ids,
           before.sites AS sites_before, before.theme_ids AS theme_ids_before
    FROM now LEFT JOIN before ON before.initiative_id = now.id
    WHERE before.sites IS DISTINCT FROM now.sites
       OR (now.sites IS NOT NULL AND before.theme_ids IS DISTINCT FROM now.theme_ids)
),
stored AS (
    INSERT INTO initiatives_mapcontribution (initiative_id, sites, theme_ids)
    SELECT id, sites, theme_ids FROM changed WHERE sites IS NOT NULL
    ON CONFLICT (initiative_id) DO UPDATE
        SET sites = excluded.sites, theme_ids = excluded.theme_ids
),
withdrawn AS (
    DELETE FROM initiatives_mapcontribution c USING changed
    WHERE c.initiative_id = changed.id AND changed.sites IS NULL
),
points AS MATERIALIZED (
    SELECT sign, theme_ids, x, y, {cell_x} AS cell_x, {cell_y} AS cell_y, first
    FROM (
        SELECT sign, theme_ids, ST_X(site.geom) AS x, ST_Y(site.geom) AS y,
               (site.path[1] = 1)::int AS first
        FROM (
            SELECT -1 AS sign, sites_before AS sites, theme_ids_before AS theme_ids
            FROM changed WHERE sites_before IS NOT NULL
            UNION ALL
            SELECT 1, sites, theme_ids FROM changed WHERE sites IS NOT NULL
        ) contributions, ST_Dump(contributions.sites) site
    ) dumped
),
deltas AS (
    SELECT theme, cell_x AS x, cell_y AS y, sum(sign) AS sites,
           sum(sign * first) AS initiatives, sum(sign * x) AS sum_x, sum(sign * y) AS sum_y
    FROM points, unnest(array_prepend(%(all_themes)s::bigint, theme_ids)) theme
    GROUP BY 1, 2, 3
)
INSERT INTO initiatives_mapcell (theme_id, x, y, sites, initiatives, sum_x, sum_y)
SELECT theme, x, y, sites, initiatives, sum_x, sum_y FROM deltas
WHERE sites <> 0 OR initiatives <> 0 OR sum_x <> 0 OR sum_y <> 0
ORDER BY theme, x, y
ON CONFLICT (theme_id, x, y) DO UPDATE SET
    sites = initiatives_mapcell.sites + excluded.sites,
    initiatives = initiatives_mapcell.initiatives + excluded.initiatives,
    sum_x = initiatives_mapcell.sum_x + excluded.sum_x,
    sum_y = initiatives_mapcell.sum_y + excluded.sum_y
"""


def _refresh_sql():
    cell_x, cell_y = cell_sql()
    return REFRESH_SQL.format(cell_x=cell_x, cell_y=cell_y)


def refresh(ids):
    """Bring the cells up to date with the initiatives `ids` (a sorted list)."""
    _execute(ids, keep=True)


def unmap(ids):
    """Withdraw the initiatives `ids` from the cells: before they are deleted."""
    _execute(sorted(set(ids)), keep=False)


def _execute(ids, keep):
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            _refresh_sql(),
            {
                "ids": list(ids),
                "keep": keep,
                "all_themes": ALL_THEMES,
            },
        )
