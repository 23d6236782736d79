"""A worker's long-lived objects kept out of the garbage collector's full passes.

What a worker builds once and keeps (modules, URL patterns, compiled
templates, translations, the taxonomy, carrefour/kept.py) is hundreds of
thousands of objects that Python's collector walks again at each full
collection: at 100,000 initiatives, a worker paused for up to 90 ms every
couple of hundred requests, in the middle of one of them. Frozen
(gc.freeze()) after its first requests, once it has built most of what it
keeps, it is never walked again; what later requests allocate is collected as
before. The WSGI entry point (carrefour/wsgi.py) turns this on; tests and
commands run without it.
"""

import gc

from django.core.signals import request_finished

# After these requests, everything then alive is frozen: most of what a
# worker keeps is built by its first requests, the rest by the next ones.
FREEZE_AFTER = frozenset({1, 10, 100, 1000})

_served = {"requests": 0}


def _freeze_after_first_requests(**kwargs):
    _served["requests"] += 1
    if _served["requests"] in FREEZE_AFTER:
        gc.freeze()


def freeze_long_lived_objects():
    """Freeze what the worker has built so far, and again after its first requests."""
    gc.freeze()
    request_finished.connect(
        _freeze_after_first_requests, dispatch_uid="carrefour-freeze-long-lived"
    )
