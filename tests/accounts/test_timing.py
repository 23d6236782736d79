"""Whether an account exists, or is confirmed, must not show in the delay of an
answer. Delays are measured by scripts/measure-account-timing; these tests check
their cause: the work done (password hashes, queries, emails) is the same."""

import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outbox.models import Email
from tests.accounts.hashers import CountingHasher

pytestmark = pytest.mark.django_db

RIGHT = "un mot de passe solide"
# Literals and savepoint names differ from one request to another; statements must not.
LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b|\"s\d+_x\d+\"")


@pytest.fixture
def counted_hashes(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.hashers.CountingHasher"]
    active = User.objects.create_user("marie@example.org", "marie@example.org", RIGHT)
    unconfirmed = User.objects.create_user("lea@example.org", "lea@example.org", RIGHT)
    unconfirmed.is_active = False
    unconfirmed.save()
    return active, unconfirmed


def statements(queries):
    return [LITERALS.sub("?", query["sql"]) for query in queries]


def work_of(client, url, data):
    """(password hashes, SQL statements without their literals, response)."""
    CountingHasher.computed = 0
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    return CountingHasher.computed, statements(queries), response


def test_a_wrong_password_costs_one_hash_whatever_the_account(client, counted_hashes):
    work = {
        username: work_of(
            client, "/compte/connexion/", {"username": username, "password": "pas le bon"}
        )
        for username in ["marie@example.org", "lea@example.org", "personne@example.org"]
    }

    hashes = {username: hashes for username, (hashes, _sql, _response) in work.items()}
    assert hashes == {
        "marie@example.org": 1,
        "lea@example.org": 1,
        "personne@example.org": 1,
    }
    active, unconfirmed, unknown = [sql for _hashes, sql, _response in work.values()]
    assert active == unconfirmed == unknown


def test_a_reset_does_the_same_work_for_a_known_and_an_unknown_address(client, counted_hashes):
    known_hashes, known_sql, known = work_of(
        client, "/compte/mot-de-passe/", {"email": "marie@example.org"}
    )
    unknown_hashes, unknown_sql, unknown = work_of(
        client, "/compte/mot-de-passe/", {"email": "personne@example.org"}
    )

    assert known_sql == unknown_sql
    assert any(sql.startswith('INSERT INTO "outbox_email"') for sql in known_sql)
    assert known_hashes == unknown_hashes == 0
    assert (known.status_code, known["Location"], known.content) == (
        unknown.status_code,
        unknown["Location"],
        unknown.content,
    )
    assert Email.objects.filter(to="marie@example.org", kind="password-reset").exists()
