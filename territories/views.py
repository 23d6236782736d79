from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
    """Territories for the autocompletes (TerritoryQuerySet.suggested()): the
    most relevant and most populous first, by any word of their name, a short
    form, a département's number or a postcode, with typos forgiven; communes
    only when `kind` is "commune".

    [{key, label (what the field then reads), kind (short, with a commune's
    département: "commune, 69"), description ("Lyon — commune, 69"), lat,
    lng}…]; the forms also work without it.
    """
    text = typed_text(request, max_length=100)
    results = []
    if len(text) >= 2:
        found = Territory.objects.suggested(text)
        if kind:
            found = found.of_kind(kind)
        found = found.select_related("departement").only(
            "kind", "code", "name", "postcodes", "point", "departement__code"
        )
        results = [_suggestion(place) for place in found[:SUGGESTIONS]]
    response = JsonResponse({"results": results})
    patch_cache_control(response, public=True, max_age=SUGGESTIONS_SECONDS)
    return response


# The kinds as a suggestion names them, briefly.
KINDS_SHOWN = {
    Territory.Kind.REGION: gettext_lazy("région"),
    Territory.Kind.DEPARTEMENT: gettext_lazy("département"),
    Territory.Kind.EPCI: gettext_lazy("EPCI"),
    Territory.Kind.COMMUNE: gettext_lazy("commune"),
}


def _suggestion(place):
    point = place.point
    kind = str(KINDS_SHOWN[place.kind])
    if place.kind == Territory.Kind.COMMUNE and place.departement_id:
        kind = _("%(kind)s, %(departement)s") % {
            "kind": kind,
            "departement": place.departement.code,
        }
    return {
        "key": place.key,
        "label": str(place),
        "kind": kind,
        "description": f"{place.name} — {kind}",
        "lat": round(point.y, 5) if point else None,
        "lng": round(point.x, 5) if point else None,
    }
