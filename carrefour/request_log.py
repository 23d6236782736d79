"""One log line per request: method, path, status, duration; errors with the user's id.

The query string is never logged (searches, and a typed address, travel in it),
nor the tokens of confirmation and password reset links. Email addresses and
message bodies are never logged anywhere (contacts, accounts, outbox name
records by number).
"""

import logging
import time

from django.db import DatabaseError

log = logging.getLogger("carrefour.requests")

# URL parts that open an account: whoever reads the log could follow the link.
SECRET_URL_PARTS = {"uidb64", "token"}


def request_log_middleware(get_response):
    def middleware(request):
        started = time.monotonic()
        response = get_response(request)
        duration_ms = (time.monotonic() - started) * 1000
        status = response.status_code
        if status == 500:
            log.error(
                "%s %s %s %.0fms user=%s",
                request.method,
                loggable_path(request),
                status,
                duration_ms,
                user_id(request),
            )
        else:
            log.info("%s %s %s %.0fms", request.method, loggable_path(request), status, duration_ms)
        return response

    return middleware


def loggable_path(request):
    path = request.path
    match = getattr(request, "resolver_match", None)
    for name, value in (match.kwargs if match else {}).items():
        if name in SECRET_URL_PARTS and value:
            path = path.replace(f"/{value}/", "/…/")
    return path


def user_id(request):
    """The signed-in user's id, or "-": never their email address."""
    user = getattr(request, "user", None)
    try:
        return user.pk if user is not None and user.is_authenticated else "-"
    except DatabaseError:
        return "-"


def unavailable_without_traceback(record):
    """Logging filter for django.request: a 503 is one warning line, not a traceback.

    While the database is away every request fails the same way; a traceback
    for each would bury everything else (the request log counts them).
    """
    if getattr(record, "status_code", None) == 503:
        record.exc_info = record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
    return True
