"""How the portal's connections to PostgreSQL are set up."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_portal_runs_its_statements_without_jit_compilation():
    # Compiling a search around a place took 0.9 s for a 77 ms statement.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
