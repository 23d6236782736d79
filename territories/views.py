from django.http import Http404
from django.shortcuts import render

from initiatives.views import directory_results
from territories.models import Territory


def _get_territory(key):
    territory = Territory.objects.select_related("region", "departement", "epci").by_key(key)
    if territory is None:
        raise Http404("Territoire inconnu")
    return territory


def territory_detail(request, key):
    territory = _get_territory(key)
    filterset, results = directory_results(request, data={"territoire": key})
    ctx = {
        "territory": territory,
        "filter": filterset,
        "results": results,
        "outline": territory.outline(),
    }
    return render(request, "territories/detail.html", ctx)
