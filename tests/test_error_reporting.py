"""Error reporting (SENTRY_DSN): the error leaves, nothing that identifies or quotes a person."""

import io
import json
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import pytest
import sentry_sdk
from django.core.handlers.wsgi import WSGIHandler
from sentry_sdk.transport import Transport

from carrefour.error_reporting import start_error_reporting

pytestmark = pytest.mark.django_db


class Captured(Transport):
    """Keeps what would be sent to the service."""

    def __init__(self):
        super().__init__()
        self.events = []

    def capture_envelope(self, envelope):
        event = envelope.get_event()
        if event:
            self.events.append(event)


@pytest.fixture
def reported():
    transport = Captured()
    start_error_reporting(
        "https://public@errors.invalid/1", environment="test", transport=transport
    )
    yield transport.events
    sentry_sdk.init(dsn=None)


def post_through_wsgi(path, query, form, cookies, **headers):
    """A request as gunicorn hands it to Django (the integration reads it there)."""
    body = urlencode(form).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": urlencode(query),
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "HTTP_COOKIE": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        **headers,
    }
    setup_testing_defaults(environ)
    statuses = []
    b"".join(WSGIHandler()(environ, lambda status, headers: statuses.append(status)))
    return statuses[0]


@pytest.mark.urls("tests.error_urls")
def test_an_error_is_reported_without_body_cookies_query_string_or_local_variables(
    client, holder, reported
):
    client.force_login(holder)
    status = post_through_wsgi(
        "/panne/",
        {"adresse": "marie@example.org"},
        {"message": "un message confidentiel", "email": "marie@example.org"},
        {"sessionid": client.cookies["sessionid"].value, "csrftoken": "jeton-secret"},
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert status.startswith("500")
    sentry_sdk.flush()

    assert len(reported) == 1, "one event per error, not one more for its log line"
    event = reported[0]
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["request"]["method"] == "POST"
    assert event["request"]["url"].endswith("/panne/")
    sent = json.dumps(event)
    for private in ("marie", "confidentiel", "203.0.113.7", "jeton-secret"):
        assert private not in sent
    assert client.cookies["sessionid"].value not in sent
    frames = event["exception"]["values"][-1]["stacktrace"]["frames"]
    assert all("vars" not in frame for frame in frames)
