"""Every initiative of a search, in the order of the list, a chunk at a time:
what exports read, so that a download holds exactly what the pages show.

The ids of the matches come from a server-side cursor in the order of the
search; each chunk of ids is then read with its relations (one query per
relation and chunk), so that memory stays the size of a chunk and the number
of queries grows with the chunks, never with the rows.
"""

from django.db.models import Prefetch

from initiatives.directory.planner import search_cursor
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative, Site
from territories.models import Territory

CHUNK_SIZE = 500


def export_search(params):
    """The FilterSet of the directory's `params` (those of /initiatives/), on the
    published initiatives; check `is_valid()` before reading it."""
    return InitiativeFilter(params, queryset=Initiative.objects.published())


def matching_ids(filterset, chunk_size=CHUNK_SIZE):
    """The ids of the initiatives `filterset` finds, in the order of the list,
    in lists of at most `chunk_size`."""
    queryset = filterset.qs
    # Kept on the full-text index for words, as the list is (planner.py).
    with search_cursor(queryset):
        chunk = []
        for pk in queryset.values_list("pk", flat=True).iterator(chunk_size=chunk_size):
            chunk.append(pk)
            if len(chunk) == chunk_size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


def public_initiatives(ids):
    """The published initiatives of `ids`, in that order, with every public
    relation an export reads already fetched (never holders nor contacts)."""
    sites = Site.objects.select_related("commune").defer("commune__geometry")
    territories = Territory.objects.defer("geometry").order_by("kind", "name")
    found = (
        Initiative.objects.published()
        .filter(pk__in=ids)
        .select_related("carrier")
        .defer("document", "headline")
        .prefetch_related(
            "themes",
            "publics",
            Prefetch("territories", queryset=territories),
            Prefetch("sites", queryset=sites),
            "awards",
        )
    )
    by_id = {initiative.pk: initiative for initiative in found}
    return [by_id[pk] for pk in ids if pk in by_id]


def export_chunks(filterset, chunk_size=CHUNK_SIZE):
    """The initiatives `filterset` finds, in the order of the list, a chunk at a time."""
    for ids in matching_ids(filterset, chunk_size):
        yield public_initiatives(ids)
