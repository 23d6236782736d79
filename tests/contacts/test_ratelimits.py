"""Rate limits of the contact form per client address and per fiche, exact across
processes. How a client address is read: tests/test_clients.py."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.utils.dateparse import parse_datetime

from carrefour.models import RateLimit
from contacts.limits import contact_allowed
from contacts.models import ContactRequest

pytestmark = pytest.mark.django_db

SENDER = Path(__file__).with_name("concurrent_sender.py")


def test_counters_store_no_address(db):
    contact_allowed(client="203.0.113.7", recipient="initiative-1")
    keys = "".join(RateLimit.objects.values_list("key", flat=True))
    assert "203.0.113" not in keys
    assert "initiative-1" not in keys
    assert RateLimit.objects.count() == 3


def test_over_the_client_limit_the_form_answers_429_in_french(send, wimoov, settings):
    settings.CONTACT_LIMIT_CLIENT_HOUR = 3
    meta = {"REMOTE_ADDR": "203.0.113.7"}
    statuses = [send(wimoov, meta=meta).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    response = send(wimoov, meta=meta)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Trop de messages ont été envoyés" in html
    assert "nous aimerions une plateforme de mobilité à Voiron" in html, "nothing typed is lost"
    assert ContactRequest.objects.count() == 3


def test_other_addresses_are_not_affected_by_a_client_over_its_limit(send, wimoov, settings):
    settings.CONTACT_LIMIT_CLIENT_HOUR = 2
    for _ in range(3):
        send(wimoov, meta={"REMOTE_ADDR": "203.0.113.7"})
    assert send(wimoov, meta={"REMOTE_ADDR": "203.0.113.8"}).status_code == 302
    assert send(wimoov, meta={"REMOTE_ADDR": "2001:db8::1"}).status_code == 302
    assert ContactRequest.objects.count() == 4


def test_an_ipv6_client_cannot_escape_its_limit_by_changing_address(send, wimoov, settings):
    settings.CONTACT_LIMIT_CLIENT_HOUR = 2
    statuses = [
        send(wimoov, meta={"REMOTE_ADDR": f"2001:db8:5:6::{number}"}).status_code
        for number in range(1, 4)
    ]
    assert statuses == [302, 302, 429]


def test_the_daily_client_limit_holds_across_hours(wimoov, settings):
    settings.CONTACT_LIMIT_CLIENT_HOUR = 2
    settings.CONTACT_LIMIT_CLIENT_DAY = 3
    day = "2026-03-02T{}:10:00+00:00"
    allowed = [
        contact_allowed(client="203.0.113.7", recipient="x", now=parse_datetime(day.format(h)))
        for h in ("08", "08", "09", "10")
    ]
    assert allowed == [True, True, True, False]


def test_the_fiche_limit_stops_a_flood_from_many_addresses(send, wimoov, make_initiative, settings):
    settings.CONTACT_LIMIT_RECIPIENT_DAY = 3
    statuses = [
        send(wimoov, meta={"REMOTE_ADDR": f"203.0.113.{number}"}).status_code
        for number in range(1, 6)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    other = make_initiative("Autre fiche", contact_email="autre.fiche@example.org")
    assert send(other, meta={"REMOTE_ADDR": "203.0.113.9"}).status_code == 302


def test_a_refused_client_does_not_use_up_the_fiche_allowance(send, wimoov, settings):
    settings.CONTACT_LIMIT_CLIENT_HOUR = 1
    settings.CONTACT_LIMIT_RECIPIENT_DAY = 2
    refused = [send(wimoov, meta={"REMOTE_ADDR": "203.0.113.7"}).status_code for _ in range(5)]
    assert refused == [302, 429, 429, 429, 429]
    assert send(wimoov, meta={"REMOTE_ADDR": "203.0.113.8"}).status_code == 302
    # The fiche's two messages are used up: one per client, none by the refusals.
    assert send(wimoov, meta={"REMOTE_ADDR": "203.0.113.9"}).status_code == 429
    assert ContactRequest.objects.count() == 2


def test_the_honeypot_and_invalid_forms_use_no_allowance(send, wimoov, settings):
    settings.CONTACT_LIMIT_CLIENT_HOUR = 1
    send(wimoov, site_web="spam")
    assert send(wimoov, message="court").status_code == 200
    assert send(wimoov).status_code == 302
    # The one message allowed was the last one: the limit is in force.
    assert send(wimoov).status_code == 429
    assert ContactRequest.objects.count() == 1


# Several OS processes post at the same moment, each with its own database
# connection and committing its own work, as gunicorn workers do.


def _database_url():
    db = connection.settings_dict
    user = quote(db["USER"], safe="")
    password = quote(db["PASSWORD"], safe="")
    return f"postgres://{user}:{password}@{db['HOST']}:{db['PORT']}/{quote(db['NAME'])}"


def _run(*args, env):
    return subprocess.run(
        [sys.executable, str(SENDER), *args], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def processes():
    """Start sender processes on a committed fiche; clean up what they committed."""
    slug = f"concurrence-{os.getpid()}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DEBUG": "1",
        "CLIENT_IP_HEADER": "",
    }
    env.pop("TEST_DATABASE_NAME", None)
    # A run stopped before its clean-up left its rows behind.
    for step in ("cleanup", "setup"):
        result = _run(step, slug, env=env)
        assert result.returncode == 0, result.stderr

    def start(count, address_groups, **limits):
        process_env = {**env, **{name: str(value) for name, value in limits.items()}}
        start_at = str(time.time() + 3)
        running = [
            subprocess.Popen(
                [sys.executable, str(SENDER), "send", start_at, slug, str(count), *addresses],
                env=process_env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for addresses in address_groups
        ]
        statuses = []
        for process in running:
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
            statuses += [int(line) for line in out.split()]
        return statuses, ContactRequest.objects.filter(initiative__slug=slug).count()

    yield start
    result = _run("cleanup", slug, env=env)
    assert result.returncode == 0, result.stderr


def test_the_client_limit_is_exact_across_concurrent_processes(processes):
    statuses, stored = processes(
        8,
        [["198.51.100.7"]] * 4,
        CONTACT_LIMIT_CLIENT_HOUR=10,
        CONTACT_LIMIT_CLIENT_DAY=1000,
        CONTACT_LIMIT_RECIPIENT_DAY=1000,
    )
    assert len(statuses) == 32
    assert statuses.count(302) == 10
    assert statuses.count(429) == 22
    assert stored == 10


def test_the_fiche_limit_is_exact_across_concurrent_processes(processes):
    groups = [[f"198.51.100.{10 * worker + n}" for n in range(5)] for worker in range(4)]
    statuses, stored = processes(
        2,
        groups,
        CONTACT_LIMIT_CLIENT_HOUR=100,
        CONTACT_LIMIT_CLIENT_DAY=1000,
        CONTACT_LIMIT_RECIPIENT_DAY=17,
    )
    assert len(statuses) == 40
    assert statuses.count(302) == 17
    assert statuses.count(429) == 23
    assert stored == 17
