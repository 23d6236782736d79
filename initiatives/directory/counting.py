"""How many initiatives a search finds, and its facet counts: exact up to a
bound, estimated (and said so) past it.

A word found in most fiches would otherwise cost a read of every match for
the count and every facet. The matches are read up to SEARCH_COUNT_LIMIT + 1
(in the order PostgreSQL finds cheapest); when they all fit, the count and the
facets are exact. When more match, the page says "plus de 10 000" with an
estimate, "environ 75 000": the number of rows PostgreSQL's planner expects
the search to find, from the statistics ANALYZE keeps of the words, arrays and
columns of the table (within a few percent of the truth on the bench's
searches), never more than it expects published initiatives. When the planner
expects no more than the bound, which the search already passed, there is no
estimate to give: the page says only "plus de 10 000". Each facet count is its
count among the matches read, scaled by the estimate over the number read, and
marked estimated.

The counts of a search do not depend on its sort nor its page: they are kept
in the shared cache under the directory's version token, for every page and
sort of the same search, by every worker.
"""

import contextlib
import hashlib
import json
import math
import threading
from dataclasses import dataclass

from django.conf import settings

from carrefour import kept, replicas, versions

# Counts are kept at most this long, and dropped when the directory changes
# (its version token is in their key); only those of this many results or
# more, the others cost less than a write to the cache.
COUNTS_SECONDS = 300
REPLICA_COUNTS_SECONDS = 10
KEEP_FROM = 1_000


@dataclass(frozen=True)
class Count:
    """The number of results: exact, or past `limit` and then `estimate`."""

    number: int
    exact: bool = True
    limit: int | None = None

    @classmethod
    def past(cls, read, limit, expected=None, ceiling=None):
        """The count of a search that read `read` matches (at most limit + 1),
        of which the planner expects `expected` among `ceiling` published
        initiatives (None: no statistics to tell)."""
        if limit is None or read <= limit:
            return cls(read)
        if expected is not None and ceiling is not None:
            expected = min(expected, ceiling)
        if expected is None or expected <= limit + 1:
            return cls(limit + 1, exact=False, limit=limit)
        return cls(max(limit + 1, round_estimate(expected)), exact=False, limit=limit)

    @property
    def estimated(self):
        """Past the bound, with an estimate beyond it ("environ 75 000")."""
        return not self.exact and self.number > self.limit + 1

    def scale(self, number, read):
        """A facet count among `read` matches, for all the matches."""
        if self.exact or not read:
            return number
        return max(1, round_estimate(number * self.number / read))


def round_estimate(number):
    """An estimate with two significant digits: 74 321 → 74 000, 1 234 → 1 200."""
    if number < 100:
        return round(number)
    magnitude = 10 ** (int(math.log10(number)) - 1)
    return int(round(number / magnitude) * magnitude)


def count_limit():
    return settings.SEARCH_COUNT_LIMIT


def expected_rows(cursor, sql, params):
    """How many rows PostgreSQL's planner expects `sql` to return (EXPLAIN,
    nothing run), or None."""
    cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
    plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    rows = plan[0]["Plan"].get("Plan Rows")
    return round(rows) if rows is not None else None


def cache_key(matches_sql, params, *parts):
    """The shared-cache key of the counts of a search: its matches statement
    (whatever its sort or page), what else shapes its facets (`parts`), and
    the bound and the directory's and taxonomy's version tokens."""
    # A point (around a place) is a parameter whose repr is its address in
    # memory: keyed by its bytes, or its counts would never be found again.
    params = [getattr(param, "ewkb", param) for param in params]
    digest = hashlib.sha256(repr((matches_sql, params, parts)).encode()).hexdigest()
    tokens = f"{versions.current('directory')}:{versions.current('taxonomy')}"
    return f"search-counts:v1:{count_limit()}:{tokens}:{digest}"


_bypass = threading.local()


def cached(key):
    if getattr(_bypass, "on", False):
        return None
    return kept.get(key)


def keep(key, counts):
    if not getattr(_bypass, "on", False):
        # Read from a replica, they may lag behind the version token: kept briefly.
        seconds = REPLICA_COUNTS_SECONDS if replicas.reading_from_replica() else COUNTS_SECONDS
        kept.put(key, counts, seconds)


@contextlib.contextmanager
def bypassed():
    """Counts computed afresh, as on the first visit of a search, and not kept
    (the bench times both)."""
    _bypass.on = True
    try:
        yield
    finally:
        _bypass.on = False
