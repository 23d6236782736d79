"""A worker's long-lived objects out of the garbage collector's full passes
(carrefour/collector.py)."""

import gc
import importlib

import pytest
from django.core.signals import request_finished

from carrefour import collector

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(monkeypatch):
    """This process as a WSGI worker that has served no request yet."""
    monkeypatch.setitem(collector._served, "requests", 0)
    yield
    request_finished.disconnect(dispatch_uid="carrefour-freeze-long-lived")
    gc.unfreeze()


def test_the_wsgi_worker_freezes_what_it_built_at_start(worker):
    gc.unfreeze()
    importlib.reload(importlib.import_module("carrefour.wsgi"))
    assert gc.get_freeze_count() > 10_000


def test_what_the_first_requests_build_is_frozen_too(worker, visitor):
    collector.freeze_long_lived_objects()
    frozen = gc.get_freeze_count()
    kept_by_the_first_request = visitor.get("/initiatives/", {"q": "vélo"})
    assert kept_by_the_first_request.status_code == 200
    assert gc.get_freeze_count() > frozen
    after_the_first = gc.get_freeze_count()
    for _request in range(8):
        visitor.get("/initiatives/")
    # Nothing frozen by these (frozen objects may be freed, never collected).
    assert gc.get_freeze_count() <= after_the_first
    before_the_tenth = gc.get_freeze_count()
    visitor.get("/initiatives/")
    assert gc.get_freeze_count() > before_the_tenth
