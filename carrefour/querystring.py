"""Links that change one parameter of the current query string.

A results page builds about a hundred such links (facets, pagination, active
filters): the query is read once into plain lists, cheaper to copy than a
QueryDict.
"""

from urllib.parse import urlencode


class QueryString:
    def __init__(self, data):
        """`data`: a QueryDict, or a dict of values or lists of values."""
        if hasattr(data, "lists"):
            items = data.lists()
        else:
            items = ((name, v if isinstance(v, (list, tuple)) else [v]) for name, v in data.items())
        self.values = {
            name: [str(value) for value in values if value not in (None, "")]
            for name, values in items
        }
        self.values = {name: values for name, values in self.values.items() if values}

    def has(self, name, value):
        return str(value) in self.values.get(name, ())

    def toggle(self, name, value):
        """The query with `name=value` added, or removed if present; no page number."""
        query = self._copy(drop_page=True)
        value = str(value)
        values = query.setdefault(name, [])
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        return self._encode(query)

    def with_param(self, name, value):
        """The query with `name` set to `value` (removed if empty), on its first page
        unless `name` is the page itself."""
        query = self._copy(drop_page=name != "page")
        query.pop(name, None)
        if value not in (None, ""):
            query[name] = [str(value)]
        return self._encode(query)

    def choose(self, name, value):
        """The query with `name=value`, or without `name` if it already has that value."""
        return self.with_param(name, "" if self.has(name, value) else value)

    def _copy(self, drop_page):
        return {
            name: list(values)
            for name, values in self.values.items()
            if not (drop_page and name == "page")
        }

    @staticmethod
    def _encode(query):
        query = {name: values for name, values in query.items() if values}
        return "?" + urlencode(query, doseq=True) if query else "?"
