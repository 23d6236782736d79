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
from django.db.models import Prefetch, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from actors.models import Actor
from initiatives.models import Initiative
from territories.models import Territory
from themes.models import Public, Theme

# Arrays are unnested in a subquery of their own: joining each match with its
# unnested array (a lateral join) costs a third more on broad searches.
FACETS_SQL = """
WITH matches AS MATERIALIZED ({matches})
SELECT 'total', '', count(*) FROM matches
UNION ALL
SELECT 'page', id::text, position FROM matches WHERE position > %s AND position <= %s
UNION ALL
SELECT 'thematique', theme::text, count(*)
FROM (SELECT unnest(theme_ids) AS theme FROM matches) themes GROUP BY theme
UNION ALL
SELECT 'public', public::text, count(*)
FROM (SELECT unnest(public_ids) AS public FROM matches) publics GROUP BY public
UNION ALL
SELECT 'etape', stage, count(*) FROM matches GROUP BY stage
UNION ALL
SELECT 'structure', structure_type, count(*) FROM matches
WHERE structure_type <> '' GROUP BY structure_type
UNION ALL
(SELECT 'acteur', actor::text, count(*)
 FROM (SELECT unnest(actor_ids) AS actor FROM matches) actors
 GROUP BY actor ORDER BY count(*) DESC, actor LIMIT %s)
UNION ALL
SELECT 'territoire', area::text, count(*)
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


def search_results(queryset, page_number, per_page, territory=None, origin=None):
    """Run the filtered, ordered `queryset` once; return the page and every facet.

    With an `origin` point, each initiative of the page gets its `distance` to it.
    Raises Http404 for a page past the last one.
    """
    page_number = _page_number(page_number)
    places = {place.pk: place for place in subdivisions(territory).only("kind", "code", "name")}
    order = queryset.query.order_by or ("-published_at", "-id")
    matches = (
        queryset.annotate(position=Window(RowNumber(), order_by=list(order)))
        .order_by()
        .values(
            "id",
            "position",
            "theme_ids",
            "public_ids",
            "actor_ids",
            "area_ids",
            "stage",
            "structure_type",
        )
    )
    sql, params = matches.query.sql_with_params()
    offset = (page_number - 1) * per_page
    with connection.cursor() as cursor:
        cursor.execute(
            FACETS_SQL.format(matches=sql),
            [*params, offset, offset + per_page, TOP_ACTORS, list(places)],
        )
        rows = cursor.fetchall()

    counts = {}
    positions = {}
    total = 0
    for facet, value, number in rows:
        if facet == "total":
            total = number
        elif facet == "page":
            positions[int(value)] = number
        else:
            counts.setdefault(facet, {})[value] = number

    paginator = Paginator(range(total), per_page)
    if page_number > 1 and page_number > paginator.num_pages:
        raise Http404("Page hors des résultats")
    page = paginator.page(page_number)
    page.object_list = _initiatives(positions, origin)
    return Results(
        total=total,
        page=page,
        themes=_theme_facets(counts.get("thematique", {})),
        publics=_facets(Public.objects.all(), counts.get("public", {})),
        stages=_choice_facets(Initiative.Stage.choices, counts.get("etape", {})),
        structures=_choice_facets(Initiative.Structure.choices, counts.get("structure", {})),
        actors=_facets(
            Actor.objects.filter(pk__in=[int(pk) for pk in counts.get("acteur", {})]),
            counts.get("acteur", {}),
            by_count=True,
        ),
        territories=sorted(
            (
                Facet(places[int(pk)], number)
                for pk, number in counts.get("territoire", {}).items()
                if int(pk) in places
            ),
            key=lambda facet: facet.value.name,
        ),
    )


# What a result card shows: neither the search document nor the commune's
# outline, the two heavy columns, are read.
CARD_FIELDS = (
    "name",
    "slug",
    "summary",
    "is_national",
    "is_fictitious",
    "area_ids",
    "commune__name",
    "commune__kind",
    "commune__code",
)


def _page_number(value):
    """A page number from the query string: anything but a positive number is 1."""
    try:
        return max(1, int(value or 1))
    except (TypeError, ValueError):
        return 1


def _initiatives(positions, origin=None):
    initiatives = (
        Initiative.objects.filter(pk__in=list(positions))
        .select_related("commune")
        .only(*CARD_FIELDS)
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("name", "slug")))
    )
    if origin is not None:
        initiatives = initiatives.annotate(distance=Distance("point", origin))
    return sorted(initiatives, key=lambda initiative: positions[initiative.pk])


def _facets(queryset, counts, by_count=False):
    facets = [Facet(obj, counts[str(obj.pk)]) for obj in queryset if counts.get(str(obj.pk))]
    if by_count:
        facets.sort(key=lambda facet: -facet.count)
    return facets


def _theme_facets(counts):
    """Domaines with a count, each with its thématiques with a count."""
    themes = list(Theme.objects.all())
    domains = {
        theme.pk: Facet(theme, counts.get(str(theme.pk), 0))
        for theme in themes
        if theme.parent_id is None
    }
    for theme in themes:
        if theme.parent_id in domains and counts.get(str(theme.pk)):
            domains[theme.parent_id].children.append(Facet(theme, counts[str(theme.pk)]))
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
    page.object_list = _initiatives({pk: position for position, pk in enumerate(ids)})
    return replace(overview, page=page)
