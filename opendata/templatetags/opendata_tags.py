import json

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from opendata import schemaorg
from opendata.feeds import feed_query, feed_title

register = template.Library()

# As django.utils.html.json_script escapes: "</script>" or "<!--" in a value
# cannot end the element, and the text stays valid JSON.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.inclusion_tag("opendata/feed_link.html")
def feed_link(filterset):
    """The <link rel="alternate"> of the Atom feed of a list's search."""
    query = feed_query(filterset)
    return {
        "title": feed_title(filterset),
        "href": reverse("opendata:feed") + (f"?{query}" if query else ""),
    }


def json_ld_script(data):
    """`data` in a <script type="application/ld+json"> element: data, never run,
    so the Content-Security-Policy's script-src does not apply to it."""
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag
def initiative_json_ld(initiative, sites, themes, awards):
    """The fiche's schema.org data, from the lists its page already read."""
    data = schemaorg.initiative_data(initiative, sites=sites, themes=themes, awards=awards)
    return json_ld_script(schemaorg.document(data))
