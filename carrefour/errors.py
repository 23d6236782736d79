"""Error pages that work without the database: 500, and 503 while it is away.

They are rendered without the request, so that no context processor runs (the
account menu would read the session, hence the database): only the names the
templates need are given.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

# PostgreSQL is stopped, restarting, or out of connections: the page will work
# again without anybody doing anything, so the client is told when to retry.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """handler500: a 503 with Retry-After when the database is unreachable, else a 500.

    Django calls it while handling the uncaught exception, which is therefore
    still the current one.
    """
    if _caused_by_database(sys.exc_info()[1]):
        response = _render("503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _render("500.html", status=500)


def _caused_by_database(error):
    while error is not None:
        if isinstance(error, DATABASE_UNAVAILABLE):
            return True
        error = error.__cause__ or error.__context__
    return False


def _render(template, *, status):
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}
    response = HttpResponse(render_to_string(template, context), status=status)
    add_never_cache_headers(response)
    return response
