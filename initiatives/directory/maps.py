"""The map's data: the sites of the initiatives of a viewport as GeoJSON.

An initiative present in several places shows on the map at each of its sites.
Up to CLUSTER_MAX_ZOOM the sites are grouped by cell of a grid drawn on the
Web Mercator projection the map uses: a few hundred features whatever the size
of the directory. A view holding many sites of the whole directory or of one
theme adds up the counts kept per cell (directory/map_summary.py); any other
reads its sites and groups them. Beyond CLUSTER_MAX_ZOOM the sites come one by
one, at most MAX_FEATURES of them. Either way the response lists the first
initiatives of the viewport (each once), in the order of the search, for the
list beside the map, and their number ("total"; "total_exact" false when there
are more than that bound).
"""

import json
import math

from django import forms
from django.contrib.gis.geos import Polygon
from django.contrib.gis.measure import D
from django.db.models import F, FloatField, Func
from django.utils.translation import gettext_lazy as _

from initiatives import map_cells
from initiatives.directory import map_sample, map_summary
from initiatives.directory.cards import fiche_urls
from initiatives.directory.ordering import distance_read_once, sort_columns
from initiatives.directory.planner import search_cursor
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative
from initiatives.querysets import near_halves
from themes.models import Theme

# The counts per cell are kept at this zoom, and add up for every coarser one.
CLUSTER_MAX_ZOOM = map_cells.BASE_ZOOM
MAX_FEATURES = 2000
LIST_LENGTH = 20
DEFAULT_ZOOM = 5
MAX_ZOOM = 20
MAX_LATITUDE = map_cells.MAX_LATITUDE
DIGITS = 5

# The sites in view of the matching initiatives are read once (one row per
# site) and grouped by cell of the grid (or one by one); the distinct
# initiatives among them are counted, and the first in the order of the search
# picked for the list (a top-N sort, not a full one). A site alone in its cell
# comes with what its feature shows, and each initiative of the list with what
# the list shows. Every row is
# (kind, number, x, y, west, south, east, north, id, value, details as JSON).
COLLECTION_SQL = """
WITH matches AS MATERIALIZED ({matches}),
cells AS (
    SELECT count(*) AS n, avg(x) AS x, avg(y) AS y,
           min(x) AS west, min(y) AS south, max(x) AS east, max(y) AS north, min(site) AS site
    FROM matches
    GROUP BY {grid}
),
shown AS (
    SELECT *, count(*) OVER () AS cells FROM cells ORDER BY n DESC, site LIMIT %s
),
initiatives AS (SELECT DISTINCT id, {sorts}{distance} AS distance FROM matches),
listed AS (
    SELECT id, distance, row_number() OVER (ORDER BY {order}) AS position FROM (
        SELECT * FROM initiatives ORDER BY {order} LIMIT %s
    ) first
)
SELECT 'cell', shown.n, shown.x, shown.y, shown.west, shown.south, shown.east, shown.north,
       shown.site, shown.cells::float,
       CASE WHEN shown.n = 1 THEN
           json_build_array(i.name, i.slug, i.theme_ids, site.name, commune.name)
       END
FROM shown
LEFT JOIN initiatives_site site ON shown.n = 1 AND site.id = shown.site
LEFT JOIN initiatives_initiative i ON i.id = site.initiative_id
LEFT JOIN territories_territory commune ON commune.id = site.commune_id
UNION ALL
SELECT 'first', listed.position, NULL, NULL, NULL, NULL, NULL, NULL, i.id, listed.distance,
       json_build_array(i.name, i.slug, commune.name)
FROM listed
JOIN initiatives_initiative i ON i.id = listed.id
LEFT JOIN territories_territory commune ON commune.id = i.commune_id
UNION ALL
SELECT 'total', count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM initiatives
"""

# The cell of a site on the grid of a zoom level (its size a parameter).
GRID_SQL = (
    "floor(radians(x) / %s),"
    " floor(ln(tan(pi() / 4 + radians(least(greatest(y, -%s), %s)) / 2)) / %s)"
)


class ViewportForm(forms.Form):
    """`bbox` (west,south,east,north in degrees) and `zoom` (0 to 20), both optional."""

    bbox = forms.CharField(required=False, max_length=200)
    zoom = forms.IntegerField(required=False, min_value=0, max_value=MAX_ZOOM)

    def clean_bbox(self):
        text = self.cleaned_data["bbox"]
        if not text:
            return (-180.0, -90.0, 180.0, 90.0)
        try:
            west, south, east, north = (float(part) for part in text.split(","))
        except ValueError:
            raise forms.ValidationError(
                _("bbox attend quatre nombres séparés par des virgules : ouest,sud,est,nord."),
                code="format",
            ) from None
        if not all(math.isfinite(value) for value in (west, south, east, north)):
            raise forms.ValidationError(_("bbox attend des nombres finis."), code="finite")
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise forms.ValidationError(
                _("bbox doit aller de l’ouest à l’est (−180 à 180) et du sud au nord (−90 à 90)."),
                code="range",
            )
        return (west, south, east, north)

    def clean_zoom(self):
        zoom = self.cleaned_data["zoom"]
        return DEFAULT_ZOOM if zoom is None else zoom


class X(Func):
    function = "ST_X"
    output_field = FloatField()


class Y(Func):
    function = "ST_Y"
    output_field = FloatField()


def map_data(params):
    """The initiatives matching the directory's `params` (those of /initiatives/)
    inside the viewport they give (`bbox`, `zoom`), as a GeoJSON dict; or None and
    the errors of every wrong parameter."""
    viewport = ViewportForm(params)
    filterset = InitiativeFilter(params, queryset=Initiative.objects.published())
    # Both validated, so that every wrong parameter is named at once.
    valid = [viewport.is_valid(), filterset.is_valid()]
    if not all(valid):
        return None, {**viewport.errors, **filterset.errors}
    bbox, zoom = viewport.cleaned_data["bbox"], viewport.cleaned_data["zoom"]
    theme = map_summary.summary_theme(filterset)
    if zoom <= CLUSTER_MAX_ZOOM and theme is not None:
        summed = map_summary.grouped_collection(filterset.qs, theme, bbox, zoom, LIST_LENGTH)
        if summed is not None:
            return _summed_collection(*summed), {}
    elif zoom <= CLUSTER_MAX_ZOOM:
        sampled = map_sample.sampled_collection(filterset.qs, bbox, zoom, _grid, LIST_LENGTH)
        if sampled is not None:
            groups, listed, total = sampled
            return _summed_collection(groups, listed, (total, False), estimated=True), {}
    return viewport_collection(filterset.qs, bbox, zoom), {}


def viewport_collection(queryset, bbox, zoom):
    """The sites inside `bbox` of the initiatives of the filtered, ordered
    `queryset`, as a dict: grouped up to CLUSTER_MAX_ZOOM, else one by one."""
    box = Polygon.from_bbox(bbox)
    box.srid = 4326
    # The filter and the columns below share one join: the sites in view.
    inside = queryset.filter(sites__point__bboverlaps=box)
    distance = _distance(inside)
    keys, order = sort_columns(inside.query.order_by)
    if distance:
        keys, order = distance_read_once(keys, order)
    columns = ["id", "site", "x", "y", *keys, *distance]
    halves = near_halves(inside)
    sql, params = _matches(inside, halves, keys, columns)
    grouped = zoom <= CLUSTER_MAX_ZOOM
    if grouped:
        grid, grid_params = _grid(zoom)
    else:
        grid, grid_params = "site", []
    statement = COLLECTION_SQL.format(
        matches=sql,
        grid=grid,
        sorts="".join(f"{key}, " for key in keys),
        distance="distance" if distance else "NULL::float",
        order=order or "id",
    )
    # Around a territory, without parallel workers: at 100,000 initiatives,
    # PostgreSQL had them read the id of every published initiative to join
    # the nearby ones with the sites in view (70 ms, 40 ms without them; at a
    # million, 255 ms either way).
    hints = {"max_parallel_workers_per_gather": 0} if halves is not None else {}
    with search_cursor(inside, **hints) as cursor:
        cursor.execute(statement, [*params, *grid_params, MAX_FEATURES, LIST_LENGTH])
        rows = cursor.fetchall()
    cells = [row[1:] for row in rows if row[0] == "cell"]
    cells.sort(key=lambda cell: (-cell[0], cell[7]))
    listed = sorted((row[1:] for row in rows if row[0] == "first"), key=lambda row: row[0])
    total = next((row[1] for row in rows if row[0] == "total"), 0)
    names = _theme_names()
    url_of = fiche_urls()
    features = []
    for count, x, y, west, south, east, north, _site, _cells, details in cells:
        if details is not None:
            features.append(_point_feature(x, y, details, names, url_of))
        else:
            features.append(_cluster_feature(count, x, y, (west, south, east, north)))
    return {
        "type": "FeatureCollection",
        "groupes": grouped,
        "total": total,
        "total_exact": True,
        "tronque": bool(cells) and cells[0][8] > len(cells),
        "liste": [_item(url_of, details, meters) for *_rest, meters, details in listed],
        "features": features,
    }


def _matches(inside, halves, keys, columns):
    """The SQL and parameters of the sites in view of `inside` (one row per
    site) with `columns`; `halves`: its near_halves().

    Around a territory, the sites of the nearby initiatives and those of the
    wider ones are read each on its own (near_halves()): the nearby ones from
    the circle, the others joined with the sites in view, without a distance.
    Read together, each of the 39,000 matches around Voiron at a million
    initiatives looked up its sites and its nearest one (315,000 buffers,
    340 ms); apart, 152,000 buffers, 263 ms.
    """
    if halves is None:
        return _sites_in_view(inside, keys, columns).query.sql_with_params()
    statements = [_sites_in_view(half, keys, columns).query.sql_with_params() for half in halves]
    sql = " UNION ALL ".join(f"({half_sql})" for half_sql, _ in statements)
    return sql, [param for _, half_params in statements for param in half_params]


def _sites_in_view(inside, keys, columns):
    return (
        inside.order_by()
        .annotate(site=F("sites__id"), x=X("sites__point"), y=Y("sites__point"), **keys)
        .values(*columns)
    )


def _grid(zoom):
    """The cell of a site at `zoom` (GRID_SQL), and its parameters."""
    cell = map_cells.cell_size(zoom)
    return GRID_SQL, [cell, MAX_LATITUDE, MAX_LATITUDE, cell]


def _summed_collection(groups, listed, counted, estimated=False):
    """The collection of a view grouped from the counts per cell (map_summary),
    or `estimated` from a sample (map_sample): every group is then a group."""
    total, exact = counted
    names = _theme_names()
    url_of = fiche_urls()
    ordered = sorted(groups.items(), key=lambda item: (-item[1].sites, item[0]))
    features = []
    for _key, group in ordered[:MAX_FEATURES]:
        x, y = group.centre
        if group.details is not None:
            features.append(_point_feature(x, y, group.details, names, url_of))
        else:
            features.append(_cluster_feature(group.sites, x, y, group.extent))
    collection = {
        "type": "FeatureCollection",
        "groupes": True,
        "total": total,
        "total_exact": exact,
        "tronque": len(groups) > MAX_FEATURES,
        "liste": [_item(url_of, *item) if estimated else _item(url_of, item) for item in listed],
        "features": features,
    }
    if estimated:
        # The groups' numbers and the total are estimates ("environ").
        collection["estime"] = True
    return collection


def _distance(queryset):
    return ["distance"] if "distance" in queryset.query.annotations else []


def _theme_names():
    """{theme id: (name, is a thématique)}, to name the themes of each initiative."""
    themes = Theme.objects.values_list("pk", "name", "parent_id")
    return {pk: (name, parent is not None) for pk, name, parent in themes}


def _themes(theme_ids, names):
    known = [names[pk] for pk in theme_ids if pk in names]
    thematiques = [name for name, is_thematique in known if is_thematique]
    return sorted(thematiques or [name for name, _is_thematique in known])


def _point_feature(x, y, details, names, url_of):
    """A site alone: its initiative, the site's name (if any) and commune;
    `url_of`: fiche_urls()."""
    name, slug, theme_ids, place, commune = details
    properties = {
        "nom": name,
        "url": url_of(slug),
        "commune": commune or "",
        "thematiques": _themes(theme_ids, names),
    }
    if place:
        properties["lieu"] = place
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(x, DIGITS), round(y, DIGITS)]},
        "properties": properties,
    }


def _cluster_feature(count, x, y, extent):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(x, DIGITS), round(y, DIGITS)]},
        "properties": {"nombre": count, "emprise": [round(value, DIGITS) for value in extent]},
    }


def _item(url_of, details, meters=None):
    """An initiative of the list beside the map, `meters` from the place searched
    around; `url_of`: fiche_urls()."""
    name, slug, commune = details
    item = {"nom": name, "url": url_of(slug), "commune": commune or ""}
    if meters is not None:
        item["distance_km"] = round(D(m=meters).km, 1)
    return item


def dumps(collection):
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
