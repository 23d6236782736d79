"""Hints for the PostgreSQL planner on statements over the directory."""

import contextlib

from django.db import connections, transaction


@contextlib.contextmanager
def search_cursor(queryset, **settings):
    """A cursor for a statement that reads every match of `queryset` (the map,
    exports); when it searches words, within a transaction that keeps the
    planner on the full-text index. The list reads a page and counts up to a
    bound (directory/statement.py): it needs no hint. Other planner
    `settings` hold for its statements too.

    Words found in a large share of the directory make the planner read every
    row and its search document (stored out of line, a cost it does not see)
    rather than use the index, which knows the matches exactly: at 100,000
    initiatives, 440 ms instead of 40 for the map of a word in a third of the
    fiches, 700 ms instead of 270 for the list of a word in three quarters.
    """
    # The replica this request reads from, if any (carrefour/replicas.py).
    connection = connections[queryset.db]
    if "rank" in queryset.query.annotations:
        settings["enable_seqscan"] = "off"
    if not settings:
        with connection.cursor() as cursor:
            yield cursor
        return
    nested = connection.in_atomic_block
    with transaction.atomic(using=queryset.db), connection.cursor() as cursor:
        for name, value in settings.items():
            cursor.execute(f"SET LOCAL {name} = {value}")
        yield cursor
        if nested:
            # SET LOCAL lasts until the end of the outer transaction.
            for name in settings:
                cursor.execute(f"RESET {name}")
