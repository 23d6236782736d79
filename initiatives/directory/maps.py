"""The map's data: the initiatives of a viewport as GeoJSON.

Up to CLUSTER_MAX_ZOOM the initiatives are grouped by cell of a grid drawn on
the Web Mercator projection the map uses, so that a national view costs one
grouped scan and a few hundred features whatever the size of the directory;
beyond it they come one by one, at most MAX_FEATURES of them. Either way the
response lists the first initiatives of the viewport, in the order of the
search, for the list beside the map.
"""

import json
import math

from django import forms
from django.contrib.gis.geos import Polygon
from django.contrib.gis.measure import D
from django.db.models import Count, FloatField, Func, Window
from django.utils.translation import gettext_lazy as _

from initiatives.directory.cards import LINK_FIELDS, fiche_url
from initiatives.directory.ordering import sort_columns
from initiatives.directory.planner import search_cursor
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative
from themes.models import Theme

CLUSTER_MAX_ZOOM = 10
# A cell of the grid is about as wide as a cluster marker: 64 pixels.
CELL_PIXELS = 64
TILE_PIXELS = 256
MAX_FEATURES = 2000
LIST_LENGTH = 20
DEFAULT_ZOOM = 5
MAX_ZOOM = 20
# Web Mercator stops at ±85.05°; further north or south there is nothing to show.
MAX_LATITUDE = 85.0
DIGITS = 5

# The matches are read once: grouped by cell of the grid, and their first ones
# in the order of the search picked for the list (a top-N sort, not a full one).
CLUSTERS_SQL = """
WITH matches AS MATERIALIZED ({matches}),
cells AS (
    SELECT count(*) AS n, avg(x) AS x, avg(y) AS y,
           min(x) AS west, min(y) AS south, max(x) AS east, max(y) AS north, min(id) AS id
    FROM matches
    GROUP BY floor(radians(x) / %s),
             floor(ln(tan(pi() / 4 + radians(least(greatest(y, -%s), %s)) / 2)) / %s)
)
(SELECT n, x, y, west, south, east, north, id, sum(n) OVER (), count(*) OVER (), NULL::float
 FROM cells ORDER BY n DESC LIMIT %s)
UNION ALL
(SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, id, NULL, NULL, {distance}
 FROM matches ORDER BY {order} LIMIT %s)
"""


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
    return viewport_collection(filterset.qs, bbox, zoom), {}


def viewport_collection(queryset, bbox, zoom):
    """The initiatives of the filtered, ordered `queryset` inside `bbox`, as a dict."""
    box = Polygon.from_bbox(bbox)
    box.srid = 4326
    inside = queryset.filter(point__bboverlaps=box)
    if zoom <= CLUSTER_MAX_ZOOM:
        return _clusters(inside, zoom)
    return _points(inside)


def _clusters(inside, zoom):
    cell = 2 * math.pi * CELL_PIXELS / (TILE_PIXELS * 2**zoom)
    keys, order = sort_columns(inside.query.order_by)
    order = order or "id"
    columns = ["id", "x", "y", *keys, *_distance(inside)]
    matches = inside.order_by().annotate(x=X("point"), y=Y("point"), **keys).values(*columns)
    sql, params = matches.query.sql_with_params()
    distance = "distance" if "distance" in columns else "NULL::float"
    with search_cursor(inside) as cursor:
        cursor.execute(
            CLUSTERS_SQL.format(matches=sql, order=order, distance=distance),
            [*params, cell, MAX_LATITUDE, MAX_LATITUDE, cell, MAX_FEATURES, LIST_LENGTH],
        )
        rows = cursor.fetchall()
    cells = [row for row in rows if row[0] is not None]
    first = {row[7]: row[10] for row in rows if row[0] is None}
    alone = [row[7] for row in cells if row[0] == 1]
    details = {row["id"]: row for row in _rows(Initiative.objects.filter(pk__in=[*first, *alone]))}
    names = _theme_names()
    features = []
    for count, x, y, west, south, east, north, pk, *_rest in cells:
        if count == 1 and pk in details:
            features.append(_point_feature(details[pk], names))
        else:
            features.append(_cluster_feature(count, x, y, (west, south, east, north)))
    listed = [
        {**details[pk], "distance": D(m=meters) if meters is not None else None}
        for pk, meters in first.items()
        if pk in details
    ]
    return {
        "type": "FeatureCollection",
        "groupes": True,
        "total": int(cells[0][8]) if cells else 0,
        "tronque": bool(cells) and cells[0][9] > len(cells),
        "liste": [_item(row) for row in listed],
        "features": features,
    }


def _points(inside):
    rows = list(_rows(inside.annotate(total=Window(Count("id"))))[:MAX_FEATURES])
    names = _theme_names()
    total = rows[0]["total"] if rows else 0
    return {
        "type": "FeatureCollection",
        "groupes": False,
        "total": total,
        "tronque": total > len(rows),
        "liste": [_item(row) for row in rows[:LIST_LENGTH]],
        "features": [_point_feature(row, names) for row in rows],
    }


def _distance(queryset):
    return ["distance"] if "distance" in queryset.query.annotations else []


def _rows(queryset):
    fields = ["id", *LINK_FIELDS, "x", "y", *_distance(queryset)]
    if "total" in queryset.query.annotations:
        fields.append("total")
    return queryset.annotate(x=X("point"), y=Y("point")).values(*fields)


def _theme_names():
    """{theme id: (name, is a thématique)}, to name the themes of each initiative."""
    themes = Theme.objects.values_list("pk", "name", "parent_id")
    return {pk: (name, parent is not None) for pk, name, parent in themes}


def _themes(theme_ids, names):
    known = [names[pk] for pk in theme_ids if pk in names]
    thematiques = [name for name, is_thematique in known if is_thematique]
    return sorted(thematiques or [name for name, _is_thematique in known])


def _point(row):
    return {"type": "Point", "coordinates": [round(row["x"], DIGITS), round(row["y"], DIGITS)]}


def _point_feature(row, names):
    return {
        "type": "Feature",
        "geometry": _point(row),
        "properties": {
            "nom": row["name"],
            "url": fiche_url(row["slug"]),
            "commune": row["commune__name"] or "",
            "thematiques": _themes(row["theme_ids"], names),
        },
    }


def _cluster_feature(count, x, y, extent):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(x, DIGITS), round(y, DIGITS)]},
        "properties": {"nombre": count, "emprise": [round(value, DIGITS) for value in extent]},
    }


def _item(row):
    """An initiative of the list beside the map."""
    item = {
        "nom": row["name"],
        "url": fiche_url(row["slug"]),
        "commune": row["commune__name"] or "",
    }
    if row.get("distance") is not None:
        item["distance_km"] = round(row["distance"].km, 1)
    return item


def dumps(collection):
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
