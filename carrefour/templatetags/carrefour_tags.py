from urllib.parse import urlencode

from django import template
from django.contrib.gis.measure import Distance
from django.utils.translation import gettext as _

register = template.Library()


def _query(context):
    """The request's query string as {name: [values]}, read once per request.

    A results page builds about a hundred links from it: copying a plain dict
    is much cheaper than copying the QueryDict each time.
    """
    request = context["request"]
    query = getattr(request, "_carrefour_query", None)
    if query is None:
        query = request._carrefour_query = dict(request.GET.lists())
    return {name: list(values) for name, values in query.items()}


def _encode(query):
    return "?" + urlencode(query, doseq=True) if query else "?"


@register.simple_tag(takes_context=True)
def toggle(context, name, value):
    """The current query string with `name=value` added, or removed if present.

    Any page number is dropped: the results change.
    """
    query = _query(context)
    query.pop("page", None)
    value = str(value)
    values = query.setdefault(name, [])
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    if not values:
        del query[name]
    return _encode(query)


@register.simple_tag(takes_context=True)
def with_param(context, name, value):
    """The current query string with `name` set to `value` (empty `value` removes it)."""
    query = _query(context)
    if name != "page":
        query.pop("page", None)
    query.pop(name, None)
    if value not in (None, ""):
        query[name] = [str(value)]
    return _encode(query)


@register.simple_tag(takes_context=True)
def is_selected(context, name, value):
    return str(value) in context["request"].GET.getlist(name)


@register.filter
def thousands(number):
    """12345 → "12 345", as French typography wants."""
    try:
        return f"{int(number):,}".replace(",", "\u202f")
    except (TypeError, ValueError):
        return number


@register.simple_tag
def plural(count, singular, plural_form):
    return _(singular) if count in (0, 1) else _(plural_form)


@register.filter
def distance_label(distance):
    """A Distance as the list shows it: "à 12 km", "à moins d’1 km"; "" for anything else."""
    if not isinstance(distance, Distance):
        return ""
    if distance.km < 1:
        return _("à moins d’1 km")
    return _("à %(km)s km") % {"km": thousands(round(distance.km))}
