from django import template

from carrefour.numbers import thousands
from carrefour.querystring import QueryString

register = template.Library()


def _query(context):
    """The request's query string, read once per request."""
    request = context["request"]
    query = getattr(request, "_carrefour_query", None)
    if query is None:
        query = request._carrefour_query = QueryString(request.GET)
    return query


@register.simple_tag(takes_context=True)
def toggle(context, name, value):
    """The current query string with `name=value` added, or removed if present.

    Any page number is dropped: the results change.
    """
    return _query(context).toggle(name, value)


@register.simple_tag(takes_context=True)
def with_param(context, name, value):
    """The current query string with `name` set to `value` (empty `value` removes it)."""
    return _query(context).with_param(name, value)


register.filter("thousands", thousands)


@register.filter
def without(pairs, name):
    """The (name, value) pairs of a FilterSet's `active` but those named `name`."""
    return [pair for pair in pairs if pair[0] != name]
