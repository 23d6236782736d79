"""A page of search results with its facet counts, in one SQL statement
(directory/statement.py).

Counting the matches, ranking them, picking the page and counting each facet
would each re-run the search if done as separate queries; here one statement
reads the page and, unless the shared cache holds them for this search, its
counts (exact up to a bound, estimated past it: directory/counting.py).
"""

import functools
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db import connections
from django.http import Http404
from django.urls import reverse

from carrefour import kept, replicas, versions
from initiatives import facet_keys
from initiatives.directory import counting
from initiatives.directory.cards import card, cards
from initiatives.directory.counting import Count
from initiatives.directory.statement import results_statement
from initiatives.models import Initiative
from territories.models import Territory
from themes.catalogue import catalogue

TOP_ACTORS = 12

# The shape of the Counts and Results kept in the shared cache, in their keys:
# a worker never reads back what older code stored.
CACHED_FORMAT = 2


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


class Choice(NamedTuple):
    """A stage or a structure type as the facets list it: (value, its choices).

    Its label is read when shown, in the page's language. Kept in the shared
    cache, a translated label would be a lazy string, which pickle rebuilds
    with a class of its own each time: a dozen of them cost as much to read
    back as the rest of a search's counts.
    """

    value: str
    choices: type

    @property
    def label(self):
        return self.choices(self.value).label


@dataclass
class Counts:
    """What a search found beyond its page: the number of results and every
    facet, the same on every page and in every sort (kept in the shared cache)."""

    count: Count
    themes: list
    publics: list
    stages: list
    structures: list
    actors: list
    territories: list
    sources: list
    labels: list


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
    # Past SEARCH_COUNT_LIMIT, `total` is that limit + 1 or an estimate, and the
    # facet counts are estimated.
    count: Count = None

    @property
    def exact(self):
        return self.count is None or self.count.exact

    @property
    def approximate(self):
        """Past the bound: "plus de 10 000", the number of pages unknown."""
        return not self.exact


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


def search_results(
    queryset, page_number, per_page, territory=None, top_actors=TOP_ACTORS, count_limit=True
):
    """Run the filtered, ordered `queryset` once; return the page and every facet,
    with the `top_actors` actors supporting the most results (None: every one).

    Counts are exact up to SEARCH_COUNT_LIMIT results (`count_limit`: False,
    always exact), estimated past it. If the queryset is annotated with a
    `distance` (InitiativeQuerySet.near()), each card says how far its
    initiative is. Raises Http404 for a page past the last one.
    """
    page_number = _page_number(page_number)
    limit = counting.count_limit() if count_limit else None
    below = subdivisions(territory) if territory else None
    key = None
    found = None
    if limit is not None:
        matches = queryset.order_by().values("id")
        key = counting.cache_key(
            *matches.query.sql_with_params(),
            territory and territory.pk,
            top_actors,
            CACHED_FORMAT,
        )
        found = None if key in _never_kept else counting.cached(key)
    statement, params = results_statement(
        queryset,
        (page_number - 1) * per_page,
        per_page,
        rank_limit=settings.SEARCH_RANK_LIMIT,
        counts=None if found is not None else (limit, top_actors),
        subdivisions=below,
    )
    # The replica this request reads from, if any (carrefour/replicas.py).
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
        if found is None:
            found = _counts(rows, limit, functools.partial(_expected, cursor, queryset))
            if key is not None and found.count.number >= counting.KEEP_FROM:
                counting.keep(key, found)
            elif key is not None:
                _remember_never_kept(key)
    page_cards = [(number, details) for kind, _pk, number, details in rows if kind == "card"]

    count = found.count
    paginator = Paginator(range(count.number), per_page)
    if page_number > 1 and (page_number > paginator.num_pages or not page_cards):
        raise Http404("Page hors des résultats")
    page = paginator.page(page_number)
    # Around a place, a card without a distance acts there from a wider scale.
    around = "distance" in queryset.query.annotations
    page.object_list = [
        card(fields, territory, distance, around=around)
        for _position, (fields, distance) in sorted(page_cards)
    ]
    return Results(
        total=count.number,
        page=page,
        themes=found.themes,
        publics=found.publics,
        stages=found.stages,
        structures=found.structures,
        actors=found.actors,
        territories=found.territories,
        sources=found.sources,
        labels=found.labels,
        count=count,
    )


def _expected(cursor, queryset):
    """How many matches of `queryset` PostgreSQL expects, and how many published
    initiatives: the estimate of a count past its bound (directory/counting.py)."""
    matches = queryset.order_by().values("id").query.sql_with_params()
    published = Initiative.objects.published().values("id").query.sql_with_params()
    return counting.expected_rows(cursor, *matches), counting.expected_rows(cursor, *published)


# The keys of the searches this process counted too few results for the
# shared cache to keep them (counting.KEEP_FROM): under the same version
# tokens (in the key) the directory is the same, so they are never there;
# not looking them up again saves a query on every narrow search.
_never_kept = {}
NEVER_KEPT_KEYS = 4096


def _remember_never_kept(key):
    if len(_never_kept) >= NEVER_KEPT_KEYS:
        _never_kept.clear()
    _never_kept[key] = True


def forget_never_kept():
    """Look every search's counts up in the shared cache again (tests)."""
    _never_kept.clear()


def _counts(rows, limit, expected):
    """The Counts of the rows of a results statement, past `limit` estimated
    from `expected()`: the matches and published initiatives the planner expects."""
    read = 0
    count = Count(0)
    counts = {kind: {} for kind in facet_keys.KINDS}
    actors = []
    sources = []
    labels = []
    places = []
    for kind, pk, number, details in rows:
        if kind == "total":
            read = pk
            count = Count.past(read, limit, *(expected() if limit and read > limit else ()))
        elif kind == "facet":
            facet_kind, value = facet_keys.split(pk)
            if value is not None and facet_kind in counts:
                counts[facet_kind][value] = number
        elif kind == "actor":
            actors.append((ActorRef(pk, *details), number))
        elif kind == "source":
            sources.append((SourceRef(pk, *details), number))
        elif kind == "label":
            labels.append((LabelRef(pk, *details), number))
        elif kind == "place":
            places.append((Place(pk, *details), number))

    def scaled(number):
        return count.scale(number, read)

    counts = {
        kind: {value: scaled(n) for value, n in values.items()} for kind, values in counts.items()
    }
    taxonomy = catalogue()
    return Counts(
        count=count,
        themes=_theme_facets(taxonomy.themes, counts[facet_keys.THEME]),
        publics=_facets(taxonomy.publics, counts[facet_keys.PUBLIC]),
        stages=_choice_facets(Initiative.Stage, counts[facet_keys.STAGE]),
        structures=_choice_facets(Initiative.Structure, counts[facet_keys.STRUCTURE]),
        actors=[Facet(actor, scaled(number)) for actor, number in actors],
        territories=sorted(
            (Facet(place, scaled(number)) for place, number in places),
            key=lambda facet: facet.value.name,
        ),
        sources=sorted(
            (Facet(source, scaled(number)) for source, number in sources),
            key=lambda facet: (-facet.count, facet.value.name),
        ),
        labels=sorted(
            (Facet(label, scaled(number)) for label, number in labels),
            key=lambda facet: (-facet.count, facet.value.name),
        ),
    )


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
    """Facets of the values of `choices` (a TextChoices) with a count, in its order."""
    return [
        Facet(Choice(value, choices), counts[value])
        for value in choices.values
        if counts.get(value)
    ]


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
    key = f"directory-overview:v4.{CACHED_FORMAT}:{versions.current('directory')}"
    overview = kept.get(key)
    if overview is None:
        overview = search_results(
            Initiative.objects.published(), 1, 1, top_actors=None, count_limit=False
        )
        overview.page = None
        # Read from a replica, it may lag behind the version token: kept briefly.
        seconds = REPLICA_OVERVIEW_SECONDS if replicas.reading_from_replica() else OVERVIEW_SECONDS
        kept.put(key, overview, seconds)
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
