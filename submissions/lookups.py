"""Small JSON endpoints that help typing a place or an actor (autocomplete).

The form works without them: submissions.fields reads what was typed.
"""

import json
import logging
import urllib.parse
import urllib.request

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from actors.models import Actor
from submissions.fields import territory_label
from territories.models import Territory

log = logging.getLogger(__name__)
LIMIT = 10
AUTOCOMPLETE_SECONDS = 3600


def _query(request):
    return " ".join(request.GET.get("q", "").split())[:100]


def _cached(data):
    response = JsonResponse(data)
    patch_cache_control(response, public=True, max_age=AUTOCOMPLETE_SECONDS)
    return response


def _place(territory):
    point = territory.point
    return {
        "key": territory.key,
        "label": territory_label(territory),
        "lat": round(point.y, 5) if point else None,
        "lng": round(point.x, 5) if point else None,
    }


def _places(text, kinds):
    if len(text) < 2:
        return []
    found = Territory.objects.filter(kind__in=kinds).search(text)
    found = found.order_by("kind", "-population", "name").only(
        "kind", "code", "name", "postcodes", "point"
    )
    return [_place(place) for place in found[:LIMIT]]


@require_GET
def communes(request):
    return _cached({"results": _places(_query(request), [Territory.Kind.COMMUNE])})


@require_GET
def territories(request):
    return _cached({"results": _places(_query(request), Territory.Kind.values)})


@require_GET
def actors(request):
    text = _query(request)
    found = Actor.objects.published().filter(name__unaccent__icontains=text) if text else []
    names = [actor.name for actor in found.order_by("name")[:LIMIT]] if text else []
    return _cached({"results": [{"label": name} for name in names]})


@login_required
@require_GET
def geocode(request):
    """A point for an address, asked of the national address service (BAN).

    Returns {"lat": …, "lng": …} or {"lat": null} when nothing is found, the
    service is unreachable or GEOCODER_URL is empty.
    """
    text = " ".join(request.GET.get("q", "").split())[:200]
    point = geocode_address(text) if len(text) >= 3 else None
    return JsonResponse({"lat": point[1], "lng": point[0]} if point else {"lat": None})


def geocode_address(text):
    if not settings.GEOCODER_URL:
        return None
    url = settings.GEOCODER_URL + "?" + urllib.parse.urlencode({"q": text, "limit": 1})
    try:
        with urllib.request.urlopen(url, timeout=settings.GEOCODER_TIMEOUT) as response:
            features = json.load(response).get("features") or []
    except (OSError, ValueError) as error:
        log.warning("Geocoder unavailable: %s", type(error).__name__)
        return None
    if not features:
        return None
    longitude, latitude = features[0]["geometry"]["coordinates"][:2]
    return float(longitude), float(latitude)
