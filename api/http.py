"""What every address of the API does around its view: GET only, the rate
limit, an ETag with 304, open CORS and French error bodies."""

import functools

from django.http import JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.decorators import decorator_from_middleware
from django.utils.translation import gettext as _

from api import limits

# The ETag is a hash of the body: honest whatever the answer depends on (the
# filters, the directory, the taxonomy), and a 304 saves the transfer.
conditional = decorator_from_middleware(ConditionalGetMiddleware)


def error(message, status, fields=None):
    return JsonResponse(
        {"erreur": message, "champs": fields or {}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def api_view(view):
    """`view` as an address of the API."""
    conditional_view = conditional(view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "OPTIONS"):
            response = error(
                _("L’API est en lecture seule : seule la méthode GET est permise."), 405
            )
            response["Allow"] = "GET, OPTIONS"
        elif request.method == "OPTIONS":
            # A CORS preflight: simple GET requests need none, but a client
            # sending a header of its own asks first.
            response = JsonResponse({}, status=200)
            response["Allow"] = "GET, OPTIONS"
            response["Access-Control-Allow-Methods"] = "GET"
            response["Access-Control-Allow-Headers"] = "*"
            response["Access-Control-Max-Age"] = "86400"
        elif wait := limits.seconds_until_allowed(request):
            response = error(
                _("Trop de requêtes : réessayez dans %(seconds)s secondes.") % {"seconds": wait},
                429,
            )
            response["Retry-After"] = str(wait)
        else:
            response = conditional_view(request, *args, **kwargs)
        # Published content only: any site may read it from its own pages.
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        return response

    wrapper.csrf_exempt = True
    return wrapper
