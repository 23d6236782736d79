"""The database `make run` serves survives a crash or a power cut."""

import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "database"


@pytest.fixture
def served_url():
    """The URL of the database of the project-local cluster, when the tests use it."""
    local = subprocess.run([SCRIPT, "url"], capture_output=True, text=True)
    if local.returncode != 0 or os.getenv("DATABASE_URL") != local.stdout.strip():
        pytest.skip("DATABASE_URL names another server than the project-local cluster")
    return local.stdout.strip()


def test_the_served_database_writes_durably(served_url):
    with psycopg.connect(served_url, connect_timeout=10) as connection:
        database, *durability = connection.execute(
            "SELECT current_database(), current_setting('fsync'), "
            "current_setting('full_page_writes'), current_setting('synchronous_commit')"
        ).fetchone()

    assert not database.startswith("test_")
    assert durability == ["on", "on", "on"]
