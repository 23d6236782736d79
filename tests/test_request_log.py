"""One log line per request, without query string, secret link parts or email address."""

import logging
import re

import pytest

from tests.mailbox import last_email_to, links_in

pytestmark = pytest.mark.django_db

LINE = re.compile(r"^(GET|POST|HEAD) (\S+) (\d{3}) \d+ms( user=\S+)?$")


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "carrefour.requests"]


def test_a_request_logs_one_line_with_status_and_duration_without_the_query_string(visitor, caplog):
    caplog.set_level(logging.INFO)
    visitor.get("/initiatives/", {"q": "rue des lilas", "territoire": "commune-38563"})
    (record,) = request_lines(caplog)
    match = LINE.match(record.getMessage())
    assert match, record.getMessage()
    assert match.groups()[:3] == ("GET", "/initiatives/", "200")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "lilas" not in logged and "38563" not in logged


def test_the_token_of_a_confirmation_link_is_not_logged(visitor, caplog):
    visitor.post(
        "/compte/inscription/",
        {"email": "lea@example.org", "password": "des tartines", "password_again": "des tartines"},
    )
    [link] = links_in(last_email_to("lea@example.org"))
    caplog.clear()
    visitor.get(link)
    (record,) = request_lines(caplog)
    assert record.getMessage().startswith("GET /compte/confirmer/…/…/ 302 ")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in "\n".join(r.getMessage() for r in caplog.records)


@pytest.mark.urls("tests.error_urls")
def test_an_error_is_logged_with_method_path_and_user_id_never_the_address(client, holder, caplog):
    client.force_login(holder)
    client.raise_request_exception = False
    caplog.set_level(logging.INFO)
    client.get("/panne/?email=marie@example.org")
    (record,) = request_lines(caplog)
    assert record.levelno == logging.ERROR
    assert LINE.match(record.getMessage()).groups() == (
        "GET",
        "/panne/",
        "500",
        f" user={holder.pk}",
    )
    assert "marie" not in "\n".join(r.getMessage() for r in caplog.records)
