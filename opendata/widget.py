"""The embeddable widget: /widget/ lists (and maps, with JavaScript) the
initiatives of a search for other sites to frame; /integrer/ builds its
<iframe> snippet.

The widget is the only page other sites may frame (every other page refuses
it: X_FRAME_OPTIONS and the CSP's frame-ancestors), and it sets no cookie: it
shows no form (no CSRF cookie), no message and nothing of the visitor's
account, so that framing it tells nothing and changes nothing.
"""

from csp.decorators import csp_replace
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from initiatives import directory
from opendata.widget_form import DEFAULT_HEIGHT, WidgetForm

WIDGET_ENTRIES = 20


@require_GET
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def widget(request):
    found = directory.search(request.GET, page=1, per_page=WIDGET_ENTRIES)
    # Its filters and sort, for the map and the link to the whole list.
    query = found.filter.query_string
    ctx = {
        "filter": found.filter,
        "count": found.count,
        "cards": found.cards,
        "query": query,
        "list_url": reverse("initiatives:list") + (f"?{query}" if query else ""),
    }
    status = 400 if found.filter.errors else 200
    return render(request, "opendata/widget.html", ctx, status=status)


@require_GET
def integrate(request):
    form = WidgetForm(request.GET or None)
    # Without a choice, the widget of the whole directory.
    chosen = form.is_valid() if form.is_bound else True
    query = form.widget_query() if form.is_bound and chosen else ""
    height = form.cleaned_data.get("hauteur") if form.is_bound and chosen else None
    src = reverse("opendata:widget") + (f"?{query}" if query else "")
    ctx = {
        "form": form,
        "preview_src": src,
        "snippet_src": settings.SITE_URL + src,
        "height": height or DEFAULT_HEIGHT,
        "shown": chosen,
    }
    return render(request, "opendata/integrer.html", ctx)
