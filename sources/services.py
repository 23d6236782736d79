"""Writes across a source and its tags, for the imports."""

from django.db import transaction
from django.utils import timezone

from sources.crosswalk import normalize_tag
from sources.models import SourceTag


@transaction.atomic
def crosswalk_record(*, source, counts, seen_at=None):
    """Record the tags an import of `source` read, {tag as written: rows}: a tag
    it does not know yet joins its crosswalk (unmapped, for a moderator to map);
    the others get their count of rows, and those it no longer uses a count of 0.
    Returns the tags created."""
    seen_at = seen_at or timezone.now()
    totals, written = {}, {}
    for code, rows in counts.items():
        key = normalize_tag(code)
        if key:
            totals[key] = totals.get(key, 0) + rows
            written.setdefault(key, normalize_tag(code, keep_case=True)[:200])
    known = {normalize_tag(tag.code): tag for tag in source.tags.all()}
    created = [
        SourceTag(source=source, code=written[key], rows_count=rows, last_seen_at=seen_at)
        for key, rows in totals.items()
        if key not in known
    ]
    SourceTag.objects.bulk_create(created)
    for key, tag in known.items():
        tag.rows_count = totals.get(key, 0)
        if key in totals:
            tag.last_seen_at = seen_at
    SourceTag.objects.bulk_update(known.values(), ["rows_count", "last_seen_at"])
    return created
