"""A page of search results with its facet counts, in one SQL statement.

Counting the matches, ranking them, picking the page and counting each facet
would each re-run the search if done as separate queries; here the matches
are computed once (a materialized CTE) and everything is derived from them.
"""

from dataclasses import dataclass, field, replace

from django.contrib.gis.db.models.functions import Distance
from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.db import connection
from django.db.models import F
from django.http import Http404

from actors.models import Actor
from initiatives import facet_keys
from initiatives.cards import cards
from initiatives.models import Initiative
from territories.models import Territory
from themes.catalogue import catalogue

# The page is picked by a top-N sort of the matches, cheaper than numbering
# them all; its rows are then numbered in that order. Facet values are counted
# in one pass over `facet_keys`; the territory facet one level below a chosen
# territory comes from `area_ids`.
FACETS_SQL = """
WITH matches AS MATERIALIZED ({matches})
SELECT 'total', 0::bigint, count(*) FROM matches
UNION ALL
SELECT 'page', id, row_number() OVER (ORDER BY {order}) FROM (
    SELECT id, {sorts} FROM matches ORDER BY {order} LIMIT %s OFFSET %s
) page
UNION ALL
SELECT 'facet', key, count(*)
FROM (SELECT unnest(facet_keys) AS key FROM matches) facets GROUP BY key
"""

SUBDIVISIONS_SQL = """
UNION ALL
SELECT 'territoire', area, count(*)
FROM (SELECT unnest(area_ids) AS area FROM matches) areas
WHERE area = ANY(%s::bigint[]) GROUP BY area
"""

TOP_ACTORS = 12


@dataclass
class Facet:
    value: object
    count: int
    children: list = field(default_factory=list)


@dataclass
class Results:
    total: int
    page: object
    themes: list
    publics: list
    stages: list
    structures: list
    actors: list
    territories: list


def subdivisions(territory):
    """The territories one level below `territory`, to count results by place."""
    if territory is None:
        return Territory.objects.of_kind("region")
    if territory.kind == Territory.Kind.REGION:
        return Territory.objects.of_kind("departement").filter(region=territory)
    if territory.kind == Territory.Kind.DEPARTEMENT:
        return Territory.objects.of_kind("epci").filter(ancestor_ids__contains=[territory.pk])
    if territory.kind == Territory.Kind.EPCI:
        return Territory.objects.of_kind("commune").filter(epci=territory)
    return Territory.objects.none()


DEFAULT_ORDER = ("-published_at", "-id")


def search_results(queryset, page_number, per_page, territory=None, origin=None):
    """Run the filtered, ordered `queryset` once; return the page and every facet.

    With an `origin` point, each initiative of the page gets its `distance` to it.
    Raises Http404 for a page past the last one.
    """
    page_number = _page_number(page_number)
    places = {place.pk: place for place in subdivisions(territory).only("kind", "code", "name")}
    sorts, order = _sorts(queryset.query.order_by or DEFAULT_ORDER)
    columns = ["id", *sorts, "facet_keys"] + (["area_ids"] if territory else [])
    matches = queryset.order_by().annotate(**sorts).values(*columns)
    sql, params = matches.query.sql_with_params()
    statement = FACETS_SQL.format(matches=sql, order=order, sorts=", ".join(sorts))
    params = [*params, per_page, (page_number - 1) * per_page]
    if territory:
        statement += SUBDIVISIONS_SQL
        params.append(list(places))
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()

    total = 0
    positions = {}
    counts = {kind: {} for kind in facet_keys.KINDS}
    areas = {}
    for label, value, number in rows:
        if label == "total":
            total = number
        elif label == "page":
            positions[value] = number
        elif label == "facet":
            kind, item = facet_keys.split(value)
            if item is not None and kind in counts:
                counts[kind][item] = number
        else:
            areas[value] = number

    paginator = Paginator(range(total), per_page)
    if page_number > 1 and page_number > paginator.num_pages:
        raise Http404("Page hors des résultats")
    page = paginator.page(page_number)
    page.object_list = _cards(positions, origin, territory)
    taxonomy = catalogue()
    territory_counts = areas if territory else counts[facet_keys.REGION]
    return Results(
        total=total,
        page=page,
        themes=_theme_facets(taxonomy.themes, counts[facet_keys.THEME]),
        publics=_facets(taxonomy.publics, counts[facet_keys.PUBLIC]),
        stages=_choice_facets(Initiative.Stage.choices, counts[facet_keys.STAGE]),
        structures=_choice_facets(Initiative.Structure.choices, counts[facet_keys.STRUCTURE]),
        actors=_actor_facets(counts[facet_keys.ACTOR]),
        territories=sorted(
            (Facet(places[pk], number) for pk, number in territory_counts.items() if pk in places),
            key=lambda facet: facet.value.name,
        ),
    )


def _sorts(order_by):
    """The ordering `order_by` of a queryset as annotations `sort_0`, `sort_1`…
    for the matches, and the ORDER BY clause that reads them."""
    sorts = {}
    clauses = []
    for index, item in enumerate(order_by):
        if isinstance(item, str):
            item = F(item[1:]).desc() if item.startswith("-") else F(item).asc()
        name = f"sort_{index}"
        sorts[name] = item.expression
        clause = f"{name} {'DESC' if item.descending else 'ASC'}"
        if item.nulls_last:
            clause += " NULLS LAST"
        elif item.nulls_first:
            clause += " NULLS FIRST"
        clauses.append(clause)
    return sorts, ", ".join(clauses)


def _page_number(value):
    """A page number from the query string: anything but a positive number is 1."""
    try:
        return max(1, int(value or 1))
    except (TypeError, ValueError):
        return 1


def _cards(positions, origin=None, territory=None):
    """The cards of the initiatives of `positions` ({id: position}), in that order."""
    initiatives = Initiative.objects.filter(pk__in=list(positions))
    if origin is not None:
        initiatives = initiatives.annotate(distance=Distance("point", origin))
    return cards(initiatives, territory, positions)


def _facets(objects, counts):
    return [Facet(obj, counts[obj.pk]) for obj in objects if counts.get(obj.pk)]


def _actor_facets(counts):
    """The published actors supporting the most results, most first."""
    candidates = sorted(counts, key=lambda pk: -counts[pk])[: TOP_ACTORS * 4]
    actors = Actor.objects.published().filter(pk__in=candidates).only("name", "slug")
    facets = sorted(_facets(actors, counts), key=lambda facet: (-facet.count, facet.value.name))
    return facets[:TOP_ACTORS]


def _theme_facets(themes, counts):
    """Domaines with a count, each with its thématiques with a count."""
    domains = {
        theme.pk: Facet(theme, counts.get(theme.pk, 0)) for theme in themes if theme.is_domain
    }
    for theme in themes:
        if theme.parent_id in domains and counts.get(theme.pk):
            domains[theme.parent_id].children.append(Facet(theme, counts[theme.pk]))
    return [facet for facet in domains.values() if facet.count]


def _choice_facets(choices, counts):
    return [Facet((value, label), counts[value]) for value, label in choices if counts.get(value)]


OVERVIEW_SECONDS = 300


def directory_overview():
    """Every facet of the whole published directory, cached a few minutes.

    Counting over every initiative is the most expensive statement of the
    directory; the home page, the theme index and the unfiltered list share it.
    """
    overview = cache.get("directory-overview")
    if overview is None:
        overview = search_results(Initiative.objects.published(), 1, 1)
        overview.page = None
        cache.set("directory-overview", overview, OVERVIEW_SECONDS)
    return overview


def unfiltered_results(page_number, per_page):
    """The whole directory newest first: cached facets, a page read from an index."""
    overview = directory_overview()
    paginator = Paginator(range(overview.total), per_page)
    try:
        page = paginator.page(_page_number(page_number))
    except EmptyPage:
        raise Http404("Page hors des résultats") from None
    newest = Initiative.objects.published().order_by("-published_at", "-id")
    start = (page.number - 1) * per_page
    ids = list(newest.values_list("pk", flat=True)[start : start + per_page])
    page.object_list = _cards({pk: position for position, pk in enumerate(ids)})
    return replace(overview, page=page)
