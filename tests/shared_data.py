"""Data written once for the tests of a module, when writing it for each test
would be slow (the demo directory, fictitious initiatives)."""

import contextlib

from django.db import transaction


@contextlib.contextmanager
def module_data(django_db_blocker):
    """Data shared by the tests of a module: written once inside a transaction
    that stays open while they run (each test's own transaction becomes a
    savepoint in it, rolled back after the test), then rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
