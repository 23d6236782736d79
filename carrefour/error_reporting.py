"""Optional error reporting to a Sentry-compatible service, when SENTRY_DSN is set.

What leaves the server is the exception, its stack (without local variables)
and the request's method, path and headers, minus anything that may identify
or quote a person: no form body, no cookies, no query string, no user, no
client address.
"""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import ignore_logger

PRIVATE_HEADERS = {"cookie", "authorization", "x-forwarded-for", "x-real-ip", "referer"}


def start_error_reporting(dsn, *, environment, release=None, transport=None):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration()],
        # Personal data stays off by default (send_default_pii, now deprecated,
        # is not passed); without_personal_data removes what is left.
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=0,
        before_send=without_personal_data,
        transport=transport,
    )
    # The error's request line would be a second event for the same error.
    ignore_logger("carrefour.requests")


def without_personal_data(event, hint):
    request = event.get("request") or {}
    for key in ("data", "cookies", "query_string", "env"):
        request.pop(key, None)
    if isinstance(request.get("headers"), dict):
        request["headers"] = {
            name: value
            for name, value in request["headers"].items()
            if name.lower() not in PRIVATE_HEADERS
        }
    event.pop("user", None)
    return event
