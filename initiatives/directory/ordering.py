"""A queryset's ordering, carried into statements written around it.

The list and the map select a queryset's matches into a CTE and sort them
there: each sort expression becomes a column `sort_<n>` of the matches, and
the ORDER BY clause reads those columns.
"""

from django.db.models import F, OrderBy


def sort_columns(order_by):
    """The ordering `order_by` (of a queryset's query) as {column: expression}
    to annotate, and the ORDER BY clause on those columns."""
    columns = {}
    clauses = []
    for index, item in enumerate(order_by):
        if isinstance(item, str):
            item = F(item[1:]).desc() if item.startswith("-") else F(item).asc()
        elif not isinstance(item, OrderBy):
            item = item.asc()
        name = f"sort_{index}"
        columns[name] = item.expression
        clause = f"{name} {'DESC' if item.descending else 'ASC'}"
        if item.nulls_last:
            clause += " NULLS LAST"
        elif item.nulls_first:
            clause += " NULLS FIRST"
        clauses.append(clause)
    return columns, ", ".join(clauses)
