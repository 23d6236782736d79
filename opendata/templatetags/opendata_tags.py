from django import template
from django.urls import reverse

from opendata.feeds import feed_query, feed_title

register = template.Library()


@register.inclusion_tag("opendata/feed_link.html")
def feed_link(filterset):
    """The <link rel="alternate"> of the Atom feed of a list's search."""
    query = feed_query(filterset)
    return {
        "title": feed_title(filterset),
        "href": reverse("opendata:feed") + (f"?{query}" if query else ""),
    }
