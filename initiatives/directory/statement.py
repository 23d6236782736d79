"""The SQL statement of a results page: its cards and, unless they are in the
shared cache, its counts (directory/counting.py).

The page and the counts read the matches each their own way, so that neither
costs a read of every match of a word found in most fiches:

- the page is the first rows of the matches in the order of the list, which
  PostgreSQL can read from an index in that order (the newest, by name),
  testing each row until the page is full, or pick by a top-N sort of the
  matches found by the full-text index, whichever it finds cheaper;
- sorted by pertinence, at most SEARCH_RANK_LIMIT matches are ranked: the
  newest with the words in their name or summary (_ranked_page()); the others
  follow, newest first. With fewer such matches, the order is that of the rank
  over all of them;
- the counts read at most SEARCH_COUNT_LIMIT + 1 matches, in the order
  PostgreSQL finds cheapest: the number read and each facet value among them.
  When those are every match (a narrow search), the page is sorted from them
  rather than found again (_sampled_page()), unless sorted by name.

Every row is (kind, id, number, details as JSON).
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import BooleanField, CharField, TextField
from django.db.models.expressions import RawSQL
from django.db.models.sql.where import WhereNode

from initiatives import facet_keys
from initiatives.directory.cards import CARD_JSON_SQL
from initiatives.directory.ordering import distance_read_once, ranks, sort_columns
from initiatives.querysets import near_halves

ACTOR, REGION, SOURCE, LABEL = (
    facet_keys.ACTOR,
    facet_keys.REGION,
    facet_keys.SOURCE,
    facet_keys.LABEL,
)

DEFAULT_ORDER = ("-published_at", "-id")

CARDS_SQL = f"""
SELECT 'card', i.id, page.position, json_build_array({CARD_JSON_SQL}, page.distance)
FROM page
JOIN initiatives_initiative i ON i.id = page.id
LEFT JOIN territories_territory commune ON commune.id = i.commune_id
"""

# The matches read (at most the bound + 1: past it, the estimate comes from
# PostgreSQL's statistics, directory/counting.py), then their facet values.
COUNTS_SQL = f"""
UNION ALL
SELECT 'total', count(*), NULL, NULL FROM sample
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
        SELECT unnest(area_ids) AS area FROM sample
        WHERE area_ids && ARRAY(SELECT id FROM subdivisions)
    ) areas
    WHERE area IN (SELECT id FROM subdivisions) GROUP BY area
) areas
JOIN territories_territory place ON place.id = areas.area
"""

# … or nothing below a commune.
NO_PLACES_SQL = "SELECT 'place', 0::bigint, 0::bigint, NULL::json WHERE false"


class Statement:
    """The SQL and parameters of a results page, built up CTE by CTE."""

    def __init__(self):
        self.ctes = []
        self.params = []

    def add(self, name, sql, params=(), materialized=False):
        self.ctes.append(f"{name} AS {'MATERIALIZED ' if materialized else ''}({sql})")
        self.params += list(params)

    def sql(self, tail, tail_params=()):
        return "WITH " + ",\n".join(self.ctes) + tail, [*self.params, *tail_params]


def results_statement(queryset, offset, per_page, *, rank_limit, counts=None, subdivisions=None):
    """The SQL and parameters of the page of `queryset` starting at `offset`, and
    of its counts if `counts` is given: (count limit or None, top actors).

    `subdivisions`: the queryset of the territories to count results in, one
    level below the chosen one (None: the régions).
    """
    statement = Statement()
    order_by = queryset.query.order_by or DEFAULT_ORDER
    distance = "distance" in queryset.query.annotations
    columns = ["id", "facet_keys", *(["area_ids"] if subdivisions is not None else [])]
    limit = counts[0] if counts is not None else None
    # Whether the candidates ranked are every match when fewer than rank_limit.
    whole = False
    # Whether the page is sorted from the matches counted (`sample`).
    sampled = False
    if rank_limit is not None and ranks(order_by):
        counted = columns[1:] if counts is not None else []
        whole = _ranked_page(
            statement, queryset, order_by, offset, per_page, rank_limit, distance, counted
        )
    elif limit is not None and not distance and not _sorts_by_text(queryset, order_by):
        _sampled_page(statement, queryset, order_by, offset, per_page, columns, limit)
        sampled = True
    else:
        _ordered_page(statement, queryset, order_by, offset, per_page, distance)
    if counts is None:
        return statement.sql(CARDS_SQL)
    limit, top_actors = counts
    if not sampled:
        _sample(statement, queryset, columns, limit, rank_limit if whole else None)
    places = REGIONS_SQL
    if subdivisions is not None:
        below = subdivisions.order_by().values("id")
        if below.query.is_empty():
            places = NO_PLACES_SQL
        else:
            places = SUBDIVISIONS_SQL
            statement.add("subdivisions", *below.query.sql_with_params(), materialized=True)
    statement.add(
        "facets",
        "SELECT key, count(*) AS number"
        " FROM (SELECT unnest(facet_keys) AS key FROM sample) keys GROUP BY key",
    )
    return statement.sql(CARDS_SQL + COUNTS_SQL + places, [top_actors])


def _sample(statement, queryset, columns, limit, rank_limit=None):
    """The CTE `sample`: the `columns` of the matches the counts read, at most
    `limit` + 1 (None: every one); with `rank_limit`, from the candidates ranked
    when they are fewer (every match, _ranked_page())."""
    sample = queryset.order_by().values(*columns)
    if limit is not None:
        sample = sample[: limit + 1]
    sql, params = sample.query.sql_with_params()
    if rank_limit is not None:
        # Fewer candidates than the bound are every match: counted from them,
        # rather than searched again (PostgreSQL runs the branch whose
        # condition holds, and only that one).
        names = ", ".join(columns)
        candidates = "(SELECT count(*) FROM candidates)"
        sql = (
            f"SELECT {names} FROM candidates WHERE {candidates} < %s UNION ALL"
            f" SELECT {names} FROM ({sql}) matches WHERE {candidates} >= %s"
        )
        params = [rank_limit, *params, rank_limit]
    statement.add("sample", sql, params, materialized=True)


def _sampled_page(statement, queryset, order_by, offset, per_page, columns, limit):
    """The page sorted from the matches the counts read (`sample`, with their
    sort columns) when they are every match, at most `limit`; past it, read
    as _ordered_page() reads it.

    A narrow search would otherwise find its matches twice, for its page and
    for its counts: at 100,000 initiatives, the 465 of Grenoble and a theme
    cost the bitmaps of three indexes each time (3.5 ms of the statement's 10).
    """
    sorts, order = sort_columns(order_by)
    sample = queryset.order_by().annotate(**sorts).values(*columns, *sorts)[: limit + 1]
    statement.add("sample", *sample.query.sql_with_params(), materialized=True)
    _ordered_page(statement, queryset, order_by, offset, per_page, False, name="searched")
    every = "(SELECT count(*) FROM sample)"
    statement.add(
        "page",
        "SELECT id, NULL::float AS distance,"
        f" %s + row_number() OVER (ORDER BY {order}) AS position FROM ("
        f"SELECT id, {', '.join(sorts)} FROM sample WHERE {every} <= %s"
        f" ORDER BY {order} LIMIT %s OFFSET %s) page"
        f" UNION ALL SELECT id, distance, position FROM searched WHERE {every} > %s",
        [offset, limit, per_page, offset, limit],
    )


def _ordered(queryset, order_by, distance):
    """The SELECT of the matches with their sort columns, and the ORDER BY on them."""
    sorts, order = sort_columns(order_by)
    if distance:
        sorts, order = distance_read_once(sorts, order)
    columns = ["id", *sorts, *(["distance"] if distance else [])]
    sql, params = queryset.order_by().annotate(**sorts).values(*columns).query.sql_with_params()
    return sql, params, ", ".join(sorts), order


def _ordered_page(statement, queryset, order_by, offset, per_page, distance, name="page"):
    """The page of the matches in the order of the list, numbered from `offset` + 1
    (the CTE `name`)."""
    if _splits(queryset, order_by):
        sorts, order, halves = _halves(queryset, order_by, distance)
        _halves_page(statement, halves, sorts, order, offset, per_page, distance, name)
        return
    sql, params, sorts, order = _ordered(queryset, order_by, distance)
    statement.add(
        name,
        f"SELECT id, {'distance' if distance else 'NULL::float'} AS distance,"
        f" %s + row_number() OVER (ORDER BY {order}) AS position FROM ("
        f"SELECT id, {sorts}{', distance' if distance else ''} FROM ({sql}) matches"
        f" ORDER BY {order} LIMIT %s OFFSET %s) page",
        [offset, *params, per_page, offset],
    )


def _sorts_by_text(queryset, order_by):
    """Whether `order_by` sorts by a text column (the name): thousands of rows
    sorted in the French collation cost more than a read in its index's order
    (« village » by name at 100,000 initiatives: 9,534 rows, 47 ms)."""
    for item in order_by:
        name = item.lstrip("-") if isinstance(item, str) else None
        if name is None:
            name = getattr(getattr(item, "expression", None), "name", None)
        try:
            field = queryset.model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, CharField | TextField):
            return True
    return False


def _splits(queryset, order_by):
    """Whether the first sort key of `order_by` is a yes/no annotation (those of
    the territory first, the shuffle from the day's start)."""
    item = order_by[0]
    if isinstance(item, str):
        name = item.lstrip("-")
    else:
        name = getattr(getattr(item, "expression", None), "name", None)
    annotation = queryset.query.annotations.get(name)
    return annotation is not None and isinstance(annotation.output_field, BooleanField)


def _halves(queryset, order_by, distance):
    """The sort columns and ORDER BY of the matches, and their two halves, each
    as (FROM clause, its parameters): around a territory, the nearby and the
    wider initiatives each read on its own (near_halves()); else the matches
    whose first sort key is yes, then no."""
    split = near_halves(queryset)
    if split is not None:
        nearby, wider = (_ordered(half, order_by, distance) for half in split)
        _sql, _params, sorts, order = nearby
        return sorts, order, [(f"({sql}) matches", params) for sql, params, *_ in (nearby, wider)]
    sql, params, sorts, order = _ordered(queryset, order_by, distance)
    key = order.split(", ", 1)[0].split()[0]
    halves = [(f"({sql}) matches WHERE {condition}", params) for condition in (key, f"NOT {key}")]
    return sorts, order, halves


def _halves_page(statement, halves, sorts, order, offset, per_page, distance, name):
    """The page when the first sort key is yes or no: each half read in the
    order of the other keys (from an index, when it has one), up to the page,
    then the two merged."""
    rest = order.split(", ", 1)[1]
    shown = ", distance" if distance else ""
    union = " UNION ALL ".join(
        f"(SELECT id, {sorts}{shown} FROM {half} ORDER BY {rest} LIMIT %s)" for half, _ in halves
    )
    (_, first_params), (_, second_params) = halves
    statement.add(
        name,
        f"SELECT id, {'distance' if distance else 'NULL::float'} AS distance,"
        f" %s + row_number() OVER (ORDER BY {order}) AS position FROM ("
        f"SELECT * FROM ({union}) halves ORDER BY {order} LIMIT %s OFFSET %s) page",
        [
            offset,
            *first_params,
            offset + per_page,
            *second_params,
            offset + per_page,
            per_page,
            offset,
        ],
    )


def newest_first(queryset):
    """The ordering of the matches the pertinence ranks: the newest first (those
    of the chosen territory before them), as the index initiative_recent reads."""
    local_first = ["-is_local"] if "is_local" in queryset.query.annotations else []
    return [*local_first, "-published_at", "-id"]


def _ranked_page(statement, queryset, order_by, offset, per_page, rank_limit, distance, counted):
    """The page by pertinence: at most `rank_limit` candidates ranked, then the
    other matches, newest first.

    The candidates are the newest matches with the words in their name or
    summary (`headline`, which the rank reads: the others all rank the same,
    last), so that the order is that of the rank over every match when they
    are at most `rank_limit`. Within a territory, where its own initiatives
    come first, they are the newest matches (those of the territory first).
    The candidates are found first (their ids), from the index of their words
    or in the order of initiative_recent, whichever PostgreSQL finds cheaper,
    and only they are then ranked; the others, past them, are read the same way.

    The candidates within a territory are every match when fewer than
    `rank_limit`: they then carry the columns `counted` (those the counts
    read), and the function says so (True).
    """
    sorts, order = sort_columns(order_by)
    recent, recent_order = sort_columns(newest_first(queryset), prefix="recent")
    whole = "is_local" in queryset.query.annotations
    carried = counted if whole else []
    columns = ["id", *sorts, *recent, *(["distance"] if distance else []), *carried]

    def select(matches):
        return matches.order_by().annotate(**sorts, **recent).values(*columns)

    candidates = queryset
    if not whole:
        candidates = _with_words_in_headline(queryset)
    newest = candidates.order_by().annotate(**recent).values("id", *recent)
    newest_sql, newest_params = newest.query.sql_with_params()
    sql, params = select(queryset).query.sql_with_params()
    shown = "distance" if distance else "NULL::float"
    # The candidates found first, then ranked: the rank reads `headline` for
    # each row it is computed on (a million initiatives: the 30,000 matches of
    # a word in 3% of them took 0.6 s to rank, for 1,000 kept).
    statement.add(
        "newest",
        f"SELECT id FROM ({newest_sql}) matches ORDER BY {recent_order} LIMIT %s",
        [*newest_params, rank_limit],
        materialized=True,
    )
    among_sql, among_params = select(
        _among(queryset, "SELECT id FROM newest")
    ).query.sql_with_params()
    statement.add("candidates", among_sql, among_params, materialized=True)
    statement.add(
        "ranked",
        f"SELECT id, {shown} AS distance, row_number() OVER (ORDER BY {order}) AS position"
        " FROM candidates",
    )
    # Past the candidates, the other matches, newest first: at most as many as
    # the page's end (a number the planner sees, to read them from an index),
    # then those of the page.
    ranked = "(SELECT count(*) FROM candidates)"
    statement.add(
        "page",
        "SELECT id, distance, position FROM ranked WHERE position > %s AND position <= %s"
        f" UNION ALL SELECT id, {shown}, greatest(%s, {ranked})"
        f" + row_number() OVER (ORDER BY {recent_order}) FROM ("
        f"SELECT * FROM (SELECT * FROM ({sql}) matches"
        f" WHERE id NOT IN (SELECT id FROM candidates) ORDER BY {recent_order} LIMIT %s) older"
        f" ORDER BY {recent_order} LIMIT greatest(0, %s - greatest(%s, {ranked}))"
        f" OFFSET greatest(0, %s - {ranked})) older",
        [
            offset,
            offset + per_page,
            offset,
            *params,
            offset + per_page,
            offset + per_page,
            offset,
            offset,
        ],
    )
    return whole


def _with_words_in_headline(queryset):
    """The matches of `queryset` (a search) with its words in their name or summary.

    Those words are in their search document too: both are built from the
    same text (search_index.py), and a search's words are only ANDed and
    ORed. The test of the document is left out: a match of the headline
    index would read and decompress it for nothing (at 100,000 initiatives,
    11,000 blocks for the 2,800 with « produits locaux » in their headline).
    """
    candidates = queryset.all()
    where = candidates.query.where
    words = next(child.rhs for child in where.children if _tests_document(child))
    where.children = [child for child in where.children if not _tests_document(child)]
    return candidates.filter(headline=words)


def _tests_document(condition):
    target = getattr(getattr(condition, "lhs", None), "target", None)
    return getattr(target, "name", None) == "document"


def _among(queryset, ids_sql):
    """The rows of `queryset` whose ids `ids_sql` selects, with its annotations
    (the rank, the distance) but not its filters: those rows passed them."""
    among = queryset.all()
    among.query.where = WhereNode()
    return among.filter(pk__in=RawSQL(ids_sql, []))
