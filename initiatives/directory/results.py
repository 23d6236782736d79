"""A page of search results with its facet counts, in one SQL statement.

Counting the matches, ranking them, picking the page and counting each facet
would each re-run the search if done as separate queries; here the matches
are computed once (a materialized CTE) and everything is derived from them:
the count, the cards of the page, and the facets with the names of the actors,
sources, labels and places they list.
"""

from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.urls import reverse

from carrefour import replicas, versions
from initiatives import facet_keys
from initiatives.directory.cards import CARD_JSON_SQL, card, cards
from initiatives.directory.ordering import sort_columns
from initiatives.directory.planner import search_cursor
from initiatives.models import Initiative
from territories.models import Territory
from themes.catalogue import catalogue

TOP_ACTORS = 12

ACTOR, REGION, SOURCE, LABEL = (
    facet_keys.ACTOR,
    facet_keys.REGION,
    facet_keys.SOURCE,
    facet_keys.LABEL,
)

# The page is picked by a top-N sort of the matches, cheaper than numbering
# them all, then numbered in that order. Facet values are counted in one pass
# over `facet_keys`. Every row is (kind, id, number, details as JSON).
RESULTS_SQL = f"""
SELECT 'total', 0::bigint, count(*), NULL::json FROM matches
UNION ALL
SELECT 'card', i.id, page.position, json_build_array({CARD_JSON_SQL}, page.distance)
FROM page
JOIN initiatives_initiative i ON i.id = page.id
LEFT JOIN territories_territory commune ON commune.id = i.commune_id
UNION ALL
SELECT 'facet', key, number, NULL FROM facets
WHERE NOT {facet_keys.sql_is(ACTOR, "key")} AND NOT {facet_keys.sql_is(REGION, "key")}
    AND NOT {facet_keys.sql_is(SOURCE, "key")} AND NOT {facet_keys.sql_is(LABEL, "key")}
UNION ALL
(SELECT 'actor', actor.id, facets.number, json_build_array(actor.name, actor.slug)
 FROM facets JOIN actors_actor actor ON actor.id = {facet_keys.sql_value(ACTOR, "facets.key")}
 WHERE {facet_keys.sql_is(ACTOR, "facets.key")} AND actor.is_published
 ORDER BY facets.number DESC, actor.name LIMIT %s)
UNION ALL
SELECT 'source', source.id, facets.number, json_build_array(source.name, source.slug)
FROM facets JOIN sources_source source
    ON source.id = {facet_keys.sql_value(SOURCE, "facets.key")}
WHERE {facet_keys.sql_is(SOURCE, "facets.key")}
UNION ALL
SELECT 'label', label.id, facets.number, json_build_array(label.name, label.slug)
FROM facets JOIN initiatives_label label
    ON label.id = {facet_keys.sql_value(LABEL, "facets.key")}
WHERE {facet_keys.sql_is(LABEL, "facets.key")}
UNION ALL
"""

# The territory facet: the régions of the matches, from `facet_keys`…
REGIONS_SQL = f"""
SELECT 'place', place.id, facets.number, json_build_array(place.kind, place.code, place.name)
FROM facets JOIN territories_territory place
    ON place.id = {facet_keys.sql_value(REGION, "facets.key")}
WHERE {facet_keys.sql_is(REGION, "facets.key")}
"""

# … or, within a chosen territory, the territories one level below it
# (the CTE `subdivisions`), from `area_ids`.
SUBDIVISIONS_SQL = """
SELECT 'place', place.id, areas.number, json_build_array(place.kind, place.code, place.name)
FROM (
    SELECT area, count(*) AS number
    FROM (
        SELECT unnest(area_ids) AS area FROM matches
        WHERE area_ids && ARRAY(SELECT id FROM subdivisions)
    ) areas
    WHERE area IN (SELECT id FROM subdivisions) GROUP BY area
) areas
JOIN territories_territory place ON place.id = areas.area
"""

# … or nothing below a commune.
NO_PLACES_SQL = "SELECT 'place', 0::bigint, 0::bigint, NULL::json WHERE false"


@dataclass
class Facet:
    value: object
    count: int
    children: list = field(default_factory=list)


@dataclass(frozen=True)
class ActorRef:
    """An actor as the facets list it."""

    pk: int
    name: str
    slug: str


@dataclass(frozen=True)
class SourceRef:
    """A source (partner) as the facets list it."""

    pk: int
    name: str
    slug: str


@dataclass(frozen=True)
class LabelRef:
    """A label (of awards) as the facets list it."""

    pk: int
    name: str
    slug: str


@dataclass(frozen=True)
class Place:
    """A territory as the facets list it (lighter than a Territory with its outline)."""

    pk: int
    kind: str
    code: str
    name: str

    @property
    def key(self):
        return f"{self.kind}-{self.code}"

    def get_absolute_url(self):
        return reverse("territories:detail", args=[self.key])


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
    sources: list
    labels: list = field(default_factory=list)


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


def search_results(queryset, page_number, per_page, territory=None, top_actors=TOP_ACTORS):
    """Run the filtered, ordered `queryset` once; return the page and every facet,
    with the `top_actors` actors supporting the most results (None: every one).

    If the queryset is annotated with a `distance` (InitiativeQuerySet.near()),
    each card says how far its initiative is. Raises Http404 for a page past
    the last one.
    """
    page_number = _page_number(page_number)
    statement, params = _statement(queryset, page_number, per_page, territory, top_actors)
    with search_cursor(queryset) as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()

    total = 0
    page_cards = []
    counts = {kind: {} for kind in facet_keys.KINDS}
    actors = []
    sources = []
    labels = []
    places = []
    for kind, pk, number, details in rows:
        if kind == "total":
            total = number
        elif kind == "card":
            page_cards.append((number, details))
        elif kind == "facet":
            facet_kind, value = facet_keys.split(pk)
            if value is not None and facet_kind in counts:
                counts[facet_kind][value] = number
        elif kind == "actor":
            actors.append(Facet(ActorRef(pk, *details), number))
        elif kind == "source":
            sources.append(Facet(SourceRef(pk, *details), number))
        elif kind == "label":
            labels.append(Facet(LabelRef(pk, *details), number))
        else:
            places.append(Facet(Place(pk, *details), number))

    paginator = Paginator(range(total), per_page)
    if page_number > 1 and page_number > paginator.num_pages:
        raise Http404("Page hors des résultats")
    page = paginator.page(page_number)
    # Around a place, a card without a distance acts there from a wider scale.
    around = "distance" in queryset.query.annotations
    page.object_list = [
        card(fields, territory, distance, around=around)
        for _position, (fields, distance) in sorted(page_cards)
    ]
    taxonomy = catalogue()
    return Results(
        total=total,
        page=page,
        themes=_theme_facets(taxonomy.themes, counts[facet_keys.THEME]),
        publics=_facets(taxonomy.publics, counts[facet_keys.PUBLIC]),
        stages=_choice_facets(Initiative.Stage.choices, counts[facet_keys.STAGE]),
        structures=_choice_facets(Initiative.Structure.choices, counts[facet_keys.STRUCTURE]),
        actors=actors,
        territories=sorted(places, key=lambda facet: facet.value.name),
        sources=sorted(sources, key=lambda facet: (-facet.count, facet.value.name)),
        labels=sorted(labels, key=lambda facet: (-facet.count, facet.value.name)),
    )


def _statement(queryset, page_number, per_page, territory, top_actors):
    """The SQL and parameters of search_results()."""
    sorts, order = sort_columns(queryset.query.order_by or DEFAULT_ORDER)
    has_distance = "distance" in queryset.query.annotations
    columns = ["id", *sorts, "facet_keys", *(["area_ids"] if territory else [])]
    columns += ["distance"] if has_distance else []
    matches_sql, params = (
        queryset.order_by().annotate(**sorts).values(*columns).query.sql_with_params()
    )
    ctes = [f"matches AS MATERIALIZED ({matches_sql})"]
    params = list(params)
    places = REGIONS_SQL
    if territory:
        below = subdivisions(territory).order_by().values("id")
        if below.query.is_empty():
            places = NO_PLACES_SQL
        else:
            places = SUBDIVISIONS_SQL
            places_sql, places_params = below.query.sql_with_params()
            ctes.append(f"subdivisions AS MATERIALIZED ({places_sql})")
            params += places_params
    ctes.append(
        f"page AS (SELECT id, {'distance' if has_distance else 'NULL::float'} AS distance,"
        f" row_number() OVER (ORDER BY {order}) AS position FROM ("
        f"SELECT id, {', '.join(sorts)}{', distance' if has_distance else ''} FROM matches"
        f" ORDER BY {order} LIMIT %s OFFSET %s) page)"
    )
    params += [per_page, (page_number - 1) * per_page]
    ctes.append(
        "facets AS (SELECT key, count(*) AS number"
        " FROM (SELECT unnest(facet_keys) AS key FROM matches) keys GROUP BY key)"
    )
    params.append(top_actors)
    statement = "WITH " + ",\n".join(ctes) + RESULTS_SQL + places
    return statement, params


# Past the last page of any directory; a larger number would make the page's
# OFFSET overflow PostgreSQL's bigint (an error, not an empty page).
MAX_PAGE_NUMBER = 1_000_000


def _page_number(value):
    """A page number from the query string: anything but a positive number is 1,
    and a huge one is MAX_PAGE_NUMBER (past the last page: not found)."""
    try:
        return min(max(1, int(value or 1)), MAX_PAGE_NUMBER)
    except (TypeError, ValueError):
        return 1


def _facets(objects, counts):
    return [Facet(obj, counts[obj.pk]) for obj in objects if counts.get(obj.pk)]


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


# Kept at most this long, and dropped by every worker when the directory
# changes (search_index.directory_changed()).
OVERVIEW_SECONDS = 300
REPLICA_OVERVIEW_SECONDS = 10


def directory_overview():
    """Every facet of the whole published directory, in the shared cache.

    Counting over every initiative is the most expensive statement of the
    directory; the home page, the theme index, the actor list (which reads the
    count of every actor) and the unfiltered list share it. Its key carries the
    directory's version token: a publication, an archive, an edit or a taxonomy
    change is counted at once, by every worker.
    """
    # "v3": the Results of older code, without their sources or labels, are not read back.
    key = f"directory-overview:v3:{versions.current('directory')}"
    overview = cache.get(key)
    if overview is None:
        overview = search_results(Initiative.objects.published(), 1, 1, top_actors=None)
        overview.page = None
        # Read from a replica, it may lag behind the version token: kept briefly.
        seconds = REPLICA_OVERVIEW_SECONDS if replicas.reading_from_replica() else OVERVIEW_SECONDS
        cache.set(key, overview, seconds)
    return overview


def unfiltered_results(queryset, page_number, per_page):
    """The whole published directory in the order of `queryset` (which filters
    nothing): the cached facets, and a page read alone (from an index when
    newest first)."""
    overview = directory_overview()
    paginator = Paginator(range(overview.total), per_page)
    try:
        page = paginator.page(_page_number(page_number))
    except EmptyPage:
        raise Http404("Page hors des résultats") from None
    start = (page.number - 1) * per_page
    # The page's ids first: sorting the directory on its narrowest columns.
    ids = queryset.values_list("pk", flat=True)[start : start + per_page]
    positions = {pk: position for position, pk in enumerate(ids)}
    # Published again: the page is read in a statement of its own.
    shown = Initiative.objects.published().filter(pk__in=list(positions))
    page.object_list = cards(shown, positions=positions)
    return replace(overview, page=page, actors=overview.actors[:TOP_ACTORS])
