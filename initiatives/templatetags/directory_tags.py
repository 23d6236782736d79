from django import template
from django.urls import reverse

from carrefour.querystring import QueryString
from initiatives.directory.facets import facet_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def facet_links(context, results, filterset):
    """The facet sections of `results`, linked from the search `filterset` ran.

    A page whose filter is its own (a territory, theme or actor page) links
    to the list with that filter; the list and the map link to themselves.
    """
    if not filterset.links_to_list:
        query = QueryString(context["request"].GET)
        return facet_sections(results, filterset.territory, query)
    path = reverse("initiatives:list")
    return facet_sections(results, filterset.territory, QueryString(filterset.data), path)
