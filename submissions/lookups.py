"""Small JSON endpoints that help typing an actor (autocomplete) or placing an
address; places are suggested by territories.views.territory_suggestions.

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
from carrefour.query_params import typed_text

log = logging.getLogger(__name__)
LIMIT = 10
AUTOCOMPLETE_SECONDS = 3600


def _cached(data):
    response = JsonResponse(data)
    patch_cache_control(response, public=True, max_age=AUTOCOMPLETE_SECONDS)
    return response


@require_GET
def actors(request):
    text = typed_text(request, max_length=100)
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
    text = typed_text(request, max_length=200)
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
