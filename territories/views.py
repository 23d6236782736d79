from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from carrefour.query_params import typed_text
from initiatives import directory
from territories.models import Territory


def _get_territory(key):
    territory = Territory.objects.select_related("region", "departement", "epci").by_key(key)
    if territory is None:
        raise Http404("Territoire inconnu")
    return territory


def territory_detail(request, key):
    territory = _get_territory(key)
    found = directory.search({"territoire": key}, page=request.GET.get("page"), links_to_list=True)
    ctx = {
        "territory": territory,
        "filter": found.filter,
        "results": found.results,
        "facets": found.facets,
        "outline": territory.outline(),
    }
    return render(request, "territories/detail.html", ctx)


SUGGESTIONS = 10
SUGGESTIONS_SECONDS = 3600


@require_GET
def territory_suggestions(request, kind=None):
    """Territories for the autocompletes, most populous first: those whose name
    starts like `q` (accents ignored) or whose postcode is `q`; communes only
    when `kind` is "commune".

    [{key, label, kind (its French name), lat, lng}…]; the forms also work
    without it.
    """
    text = typed_text(request, max_length=100)
    results = []
    if len(text) >= 2:
        found = Territory.objects.suggested(text)
        if kind:
            found = found.of_kind(kind)
        found = found.only("kind", "code", "name", "postcodes", "point")
        results = [_suggestion(place) for place in found[:SUGGESTIONS]]
    response = JsonResponse({"results": results})
    patch_cache_control(response, public=True, max_age=SUGGESTIONS_SECONDS)
    return response


def _suggestion(place):
    point = place.point
    return {
        "key": place.key,
        "label": str(place),
        "kind": str(place.get_kind_display()),
        "lat": round(point.y, 5) if point else None,
        "lng": round(point.x, 5) if point else None,
    }
