"""The cursor of the statements over the directory."""

import contextlib

from django.db import connection


@contextlib.contextmanager
def search_cursor(queryset):
    """A cursor for a statement over `queryset`.

    No planner hint: the search document is small and kept in its row
    (search_index.py), so that reading rows in the order of an index and
    testing each, or scanning the table up to a bound, costs what the planner
    expects. A hint that kept it on the full-text index made it test the words
    of every published row from the TOAST table: 950 ms for a word found in
    every fiche at 100,000 initiatives.
    """
    with connection.cursor() as cursor:
        yield cursor
