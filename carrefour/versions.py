"""Version tokens in the shared cache, so that every worker drops what it keeps
in memory when the data it was built from changes.

A worker reads the tokens once per request (one cache read for all of them;
outside requests, at most once every `MAX_AGE_SECONDS`), and rebuilds what it
built under another token. Changing data writes a new random token: with the
database cache, in the same transaction as the change, so that other workers
see it exactly when they can see the change.
"""

import time
import uuid

from django.core.cache import cache

NAMES = ("directory", "taxonomy", "programmes", "territories")
MAX_AGE_SECONDS = 1.0

_read = {"tokens": None, "at": 0.0}


def _key(name):
    return f"version:{name}"


def current(name):
    """The token of `name` (one of NAMES), None if never changed."""
    now = time.monotonic()
    if _read["tokens"] is None or now - _read["at"] > MAX_AGE_SECONDS:
        found = cache.get_many([_key(each) for each in NAMES])
        _read["tokens"] = {each: found.get(_key(each)) for each in NAMES}
        _read["at"] = now
    return _read["tokens"][name]


def bump(name):
    """Say that the data behind `name` changed: every worker rebuilds what it kept."""
    cache.set(_key(name), uuid.uuid4().hex, timeout=None)
    forget()


def forget(**kwargs):
    """Read the tokens again on next use: at the start of each request (a
    request_started receiver), and after a change made by this process."""
    _read["tokens"] = None
