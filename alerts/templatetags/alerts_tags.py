from django import template
from django.urls import reverse

from alerts.searches import normalised_query

register = template.Library()


@register.inclusion_tag("alerts/link.html")
def alert_link(filterset):
    """ "Recevoir les nouvelles initiatives par email", for the search of
    `filterset` (a list, the map, a territory or theme page): a plain link to
    the alert form, which works without JavaScript. Nothing for a search with
    errors."""
    if not filterset.is_bound or filterset.errors:
        return {"url": ""}
    query = normalised_query(filterset)
    return {"url": reverse("alerts:subscribe") + (f"?{query}" if query else "")}
