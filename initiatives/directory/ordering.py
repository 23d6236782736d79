"""A queryset's ordering, carried into statements written around it.

The list and the map select a queryset's matches into a CTE and sort them
there: each sort expression becomes a column `sort_<n>` of the matches, and
the ORDER BY clause reads those columns.
"""

import re

from django.db.models import F, OrderBy


def sort_columns(order_by, prefix="sort"):
    """The ordering `order_by` (of a queryset's query) as {column: expression}
    to annotate (named `<prefix>_<n>`), and the ORDER BY clause on those columns."""
    columns = {}
    clauses = []
    for index, item in enumerate(order_by):
        if isinstance(item, str):
            item = F(item[1:]).desc() if item.startswith("-") else F(item).asc()
        elif not isinstance(item, OrderBy):
            item = item.asc()
        name = f"{prefix}_{index}"
        columns[name] = item.expression
        clause = f"{name} {'DESC' if item.descending else 'ASC'}"
        if item.nulls_last:
            clause += " NULLS LAST"
        elif item.nulls_first:
            clause += " NULLS FIRST"
        clauses.append(clause)
    return columns, ", ".join(clauses)


def distance_read_once(columns, order):
    """The sort `columns` and `order` of sort_columns() with the distance (of
    InitiativeQuerySet.near()), when it is one of them, read from the column
    `distance` that the statement selects anyway.

    As a sort column of its own, the nearest site of each initiative was looked
    up a second time: around Voiron at a million initiatives, 3,646 lookups
    more, 26 ms of the map's 240.
    """
    same = [name for name, key in columns.items() if isinstance(key, F) and key.name == "distance"]
    for name in same:
        order = re.sub(rf"\b{name}\b", "distance", order)
    return {name: key for name, key in columns.items() if name not in same}, order


def ranks(order_by, annotation="rank"):
    """Whether the ordering `order_by` sorts by the annotation `annotation` first
    (after the territory's own initiatives, if any)."""
    for item in order_by:
        if isinstance(item, OrderBy) and isinstance(item.expression, F):
            if item.expression.name == annotation:
                return True
            if item.expression.name != "is_local":
                return False
        else:
            return False
    return False
