from django.shortcuts import get_object_or_404, render

from initiatives.results import directory_overview
from initiatives.views import directory_results
from themes.models import Theme


def theme_list(request):
    return render(request, "themes/list.html", {"overview": directory_overview()})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme.objects.select_related("parent"), slug=slug)
    filterset, results = directory_results(request, data={"thematique": [slug]})
    ctx = {
        "theme": theme,
        "children": list(theme.children.all()),
        "filter": filterset,
        "results": results,
    }
    return render(request, "themes/detail.html", ctx)
