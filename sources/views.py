from django.shortcuts import get_object_or_404, render

from initiatives import directory
from sources.models import Source


def _get_source(slug):
    return get_object_or_404(Source.objects.select_related("actor"), slug=slug)


def source_list(request):
    # One query: the sources, their actors and their counts of published initiatives.
    sources = Source.objects.select_related("actor").with_published_counts().order_by("name")
    return render(request, "sources/list.html", {"sources": list(sources)})


def source_detail(request, slug):
    source = _get_source(slug)
    found = directory.search(
        {"source": source.slug}, page=request.GET.get("page"), links_to_list=True
    )
    ctx = {
        "source": source,
        "actor": source.actor if source.actor and source.actor.is_published else None,
        "filter": found.filter,
        "results": found.results,
        "facets": found.facets,
    }
    return render(request, "sources/detail.html", ctx)
