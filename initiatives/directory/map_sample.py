"""Grouped views of the map for searches the counts per cell cannot answer
(words, several filters) when they find too many sites to read: estimated
from a sample, and said so.

A word found in a third of a million fiches has some 300,000 sites on a
national view: reading them costs seconds. The map reads instead the matches
among a fixed 128th of the directory (drawn by a hash of their id, the same
everywhere on the map and from one request to the next; a partial index of
the search documents finds the words among them) and their sites in view (the
map's contributions, initiatives/map_cells.py); if they are too few to stand
for the others (MIN_SAMPLE_SITES), among a sixteenth. When a sample holds
enough, each group's count, and the number of initiatives in view, are the
sample's scaled up, rounded to two significant digits, and the response says
they are estimates ("estime"); a group of a sample is never shown as a single
site. Else the matches are few enough to read every site (maps.COLLECTION_SQL).
The list beside the map is exact either way: the first page of the search
within the view, as the list of the directory reads it.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef

from initiatives import querysets
from initiatives.directory import map_summary
from initiatives.directory.counting import round_estimate
from initiatives.directory.planner import search_cursor
from initiatives.directory.statement import results_statement
from initiatives.models import Site

# The samples, smallest first: (their bound on the hash of an id, the share
# of the directory they hold).
SAMPLES = (
    (querysets.HUNDRED_AND_TWENTY_EIGHTH_BELOW, 1 / 128),
    (querysets.SIXTEENTH_BELOW, 1 / 16),
)
# The sites in view a sample needs for its estimate: with fewer in the
# sixteenth, the matches hold at most 16 times as many (20,000), read one by one.
MIN_SAMPLE_SITES = 1_250

# The sites in view of the sample's matches grouped by cell of the viewport's
# zoom (maps.GRID_SQL, its size a parameter), then the number of initiatives.
SAMPLE_SQL = """
WITH sample AS MATERIALIZED ({matches}),
points AS (
    SELECT sample.id, ST_X(site.geom) AS x, ST_Y(site.geom) AS y
    FROM sample, ST_Dump((
        SELECT c.sites FROM initiatives_mapcontribution c WHERE c.initiative_id = sample.id
    )) site
    WHERE site.geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326)
)
SELECT 'cell', {grid}, count(*)::int, avg(x), avg(y), min(x), min(y), max(x), max(y)
FROM points
GROUP BY {grid}
UNION ALL
SELECT 'initiatives', NULL, NULL, count(DISTINCT id)::int, NULL, NULL, NULL, NULL, NULL, NULL
FROM points
"""


def sampled_collection(queryset, bbox, zoom, map_grid, list_length):
    """The groups (estimated), list and estimated count of the viewport, or
    None when no sample holds MIN_SAMPLE_SITES sites in view (read them all).
    `map_grid(zoom)` gives the SQL of a site's cell and its parameters."""
    for below, share in SAMPLES:
        groups, sites, initiatives = _sample_groups(queryset, below, share, bbox, zoom, map_grid)
        if sites >= MIN_SAMPLE_SITES:
            break
    else:
        return None
    box = map_summary._box(bbox)
    in_view = Site.objects.filter(initiative=OuterRef("pk"), point__bboverlaps=box)
    listed = _first(queryset.filter(Exists(in_view)), list_length)
    return groups, listed, round_estimate(initiatives / share)


def _sample_groups(queryset, below, share, bbox, zoom, map_grid):
    """The groups of the sites in view of the matches in a sample (`share` of
    the directory, below `below`), scaled up; the number of those sites and
    of their initiatives."""
    sample = queryset.filter(querysets.in_sample(below)).order_by().values("id")
    sql, params = sample.query.sql_with_params()
    grid, grid_params = map_grid(zoom)
    statement = SAMPLE_SQL.format(matches=sql, grid=grid)
    with search_cursor(queryset) as cursor:
        cursor.execute(statement, [*params, *bbox, *grid_params, *grid_params])
        rows = cursor.fetchall()
    groups = {}
    sites = initiatives = 0
    for kind, gx, gy, number, x, y, west, south, east, north in rows:
        if kind == "initiatives":
            initiatives = number
            continue
        sites += number
        groups[(gx, gy)] = map_summary.Group(
            round_estimate(number / share), 0.0, 0.0, (west, south, east, north), point=(x, y)
        )
    return groups, sites, initiatives


def _first(in_view, length):
    """The first initiatives in view, as the list of the directory orders them."""
    statement, params = results_statement(in_view, 0, length, rank_limit=settings.SEARCH_RANK_LIMIT)
    with search_cursor(in_view) as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    listed = []
    for _kind, _pk, _position, (fields, distance) in sorted(rows, key=lambda row: row[2]):
        listed.append(([fields["name"], fields["slug"], fields["commune__name"]], distance))
    return listed
