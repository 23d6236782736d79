"""What a worker keeps in its own memory of values it reads again and again:
those of the shared cache kept under version tokens, and those it computed
itself under them (carrefour/versions.py).

Under the same tokens such a value never changes, so a worker's copy is as
good as the shared one, and reading it again from the shared cache (a query to
the database cache, then unpickling) is the most a popular search would cost
besides its page. A copy of a shared value lives at most LOCAL_SECONDS, or as
long as the shared one when this worker wrote it (a value read from a replica
is kept briefly, carrefour/replicas.py).

Callers must not change what they get: the next request gets the same object.
"""

import threading
import time
from collections import OrderedDict

from django.core.cache import cache

LOCAL_SECONDS = 10


class Memory:
    """At most `size` values by key, each until its own expiry; the least
    recently read dropped first."""

    def __init__(self, size):
        self.size = size
        self.values = OrderedDict()
        self.lock = threading.Lock()
        _memories.append(self)

    def get(self, key):
        """The value kept under `key`, or None."""
        with self.lock:
            found = self.values.get(key)
            if found is None:
                return None
            if found[0] <= time.monotonic():
                del self.values[key]
                return None
            self.values.move_to_end(key)
            return found[1]

    def put(self, key, value, seconds):
        with self.lock:
            self.values[key] = (time.monotonic() + seconds, value)
            self.values.move_to_end(key)
            while len(self.values) > self.size:
                self.values.popitem(last=False)

    def clear(self):
        with self.lock:
            self.values.clear()


_memories = []
_shared = Memory(512)


def get(key):
    """The value under `key` in the shared cache, from this worker's copy if it
    has one; None if neither has it."""
    value = _shared.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            _shared.put(key, value, LOCAL_SECONDS)
    return value


def put(key, value, seconds):
    """Keep `value` under `key` for `seconds`, in the shared cache and here."""
    cache.set(key, value, seconds)
    _shared.put(key, value, seconds)


def forget():
    """Read every value afresh (tests: each starts with an empty memory)."""
    for memory in _memories:
        memory.clear()
