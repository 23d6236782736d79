from django.shortcuts import get_object_or_404, render

from initiatives import directory
from themes.models import Theme


def theme_list(request):
    return render(request, "themes/list.html", {"overview": directory.overview()})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme.objects.select_related("parent"), slug=slug)
    found = directory.search(
        {"thematique": [slug]}, page=request.GET.get("page"), links_to_list=True
    )
    ctx = {
        "theme": theme,
        "children": list(theme.children.all()),
        "filter": found.filter,
        "results": found.results,
        "facets": found.facets,
    }
    return render(request, "themes/detail.html", ctx)
