"""How many initiatives a search finds, and its facet counts: exact up to a
bound, estimated (and said so) past it.

A word found in most fiches would otherwise cost a read of every match for
the count and every facet. The matches are read up to SEARCH_COUNT_LIMIT + 1
(in the order the table stores them, the cheapest); when they all fit, the
count and the facets are exact. When more match, the page says "plus de
10 000" with an estimate, "environ 75 000": the matches read, extrapolated
from the share of the table's blocks the scan went through to the whole table
(when the scan read them in storage order; else no estimate, only "plus de");
each facet count is then its count among the matches read, scaled by the same
ratio, and marked estimated.

The counts of a search do not depend on its sort nor its page: they are kept
in the shared cache under the directory's version token, for every page and
sort of the same search, by every worker.
"""

import contextlib
import hashlib
import math
import threading
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from carrefour import replicas, versions

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
    def of_sample(cls, read, limit, blocks_read=None, blocks=None):
        """The count of a scan that read `read` matches (at most limit + 1) in
        `blocks_read` consecutive blocks of a table of `blocks` (None: the scan
        did not read the table in storage order, nothing to extrapolate)."""
        if limit is None or read <= limit:
            return cls(read)
        if not blocks_read or not blocks:
            return cls(limit + 1, exact=False, limit=limit)
        share = min(1.0, blocks_read / blocks)
        return cls(max(limit + 1, round_estimate(read / share)), exact=False, limit=limit)

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


def cache_key(matches_sql, params, *parts):
    """The shared-cache key of the counts of a search: its matches statement
    (whatever its sort or page), what else shapes its facets (`parts`), and
    the bound and the directory's and taxonomy's version tokens."""
    digest = hashlib.sha256(repr((matches_sql, list(params), parts)).encode()).hexdigest()
    tokens = f"{versions.current('directory')}:{versions.current('taxonomy')}"
    return f"search-counts:v1:{count_limit()}:{tokens}:{digest}"


_bypass = threading.local()


def cached(key):
    if getattr(_bypass, "on", False):
        return None
    return cache.get(key)


def keep(key, counts):
    if not getattr(_bypass, "on", False):
        # Read from a replica, they may lag behind the version token: kept briefly.
        seconds = REPLICA_COUNTS_SECONDS if replicas.reading_from_replica() else COUNTS_SECONDS
        cache.set(key, counts, seconds)


@contextlib.contextmanager
def bypassed():
    """Counts computed afresh, as on the first visit of a search, and not kept
    (the bench times both)."""
    _bypass.on = True
    try:
        yield
    finally:
        _bypass.on = False
