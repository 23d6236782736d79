"""Links that change one parameter of the current query string.

A results page builds about a hundred such links (facets, pagination, active
filters): the query is read and encoded once, then each link only encodes the
parameter it changes.
"""

from urllib.parse import quote_plus


class QueryString:
    def __init__(self, data):
        """`data`: a QueryDict, or a dict of values or lists of values."""
        if hasattr(data, "lists"):
            items = data.lists()
        else:
            items = ((name, v if isinstance(v, (list, tuple)) else [v]) for name, v in data.items())
        self.values = {}
        for name, values in items:
            kept = [str(value) for value in values if value not in (None, "")]
            if kept:
                self.values[name] = kept
        # Each parameter as it appears in a query string: "name=value&name=other".
        self._encoded = {name: _pairs(name, values) for name, values in self.values.items()}

    def has(self, name, value):
        return str(value) in self.values.get(name, ())

    def toggle(self, name, value):
        """The query with `name=value` added, or removed if present; no page number."""
        value = str(value)
        values = [v for v in self.values.get(name, ()) if v != value]
        if len(values) == len(self.values.get(name, ())):
            values.append(value)
        return self._with(name, values, drop_page=True, in_place=True)

    def with_param(self, name, value):
        """The query with `name` set to `value` (removed if empty), on its first page
        unless `name` is the page itself."""
        values = [] if value in (None, "") else [str(value)]
        return self._with(name, values, drop_page=name != "page", in_place=False)

    def choose(self, name, value):
        """The query with `name=value`, or without `name` if it already has that value."""
        return self.with_param(name, "" if self.has(name, value) else value)

    def _with(self, name, values, drop_page, in_place):
        """The query string with `name` given `values`: in the place it had if
        `in_place` (and it had one), else last."""
        parts = []
        for other, encoded in self._encoded.items():
            if other == name:
                if in_place and values:
                    parts.append(_pairs(name, values))
            elif not (drop_page and other == "page"):
                parts.append(encoded)
        if values and not (in_place and name in self._encoded):
            parts.append(_pairs(name, values))
        return "?" + "&".join(parts)


def _pairs(name, values):
    name = quote_plus(name)
    return "&".join(f"{name}={quote_plus(value)}" for value in values)
