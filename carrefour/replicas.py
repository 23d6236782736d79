"""Reads that tolerate a little lag go to a streaming replica.

With DATABASE_REPLICA_URLS set, a GET of a list, the map data, the API, an
export or a feed reads the directory from a replica; everything else, and every
request of a visitor who wrote in the last REPLICA_STICKY_SECONDS, reads from
the primary (DATABASES["default"]). Sessions, accounts, the shared cache, rate
limits and the outbox are always read from the primary. A replica that does not
answer is left alone for REPLICA_RETRY_SECONDS: reads go to the primary.
Without replicas, nothing changes.
"""

import contextvars
import logging
import random
import time

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

# The alias this request reads the directory from (None: the primary).
_reads_from = contextvars.ContextVar("reads_from", default=None)
# Alias → monotonic time until which the replica is not tried again (per process).
_down_until = {}

STICKY_COOKIE = "carrefour_primaire"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# What must never be read a little late: who is logged in, counters against
# abuse, the shared cache and its version tokens, emails being sent.
PRIMARY_ONLY_APPS = frozenset(
    {"sessions", "auth", "accounts", "carrefour", "django_cache", "outbox", "admin"}
)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        alias = _reads_from.get()
        if alias and model._meta.app_label not in PRIMARY_ONLY_APPS:
            return alias
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replicas hold the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


def _lag_tolerant(path):
    return any(path.startswith(prefix) for prefix in settings.REPLICA_READ_PATHS)


def _is_up(alias):
    if _down_until.get(alias, 0) > time.monotonic():
        return False
    connection = connections[alias]
    try:
        # A connection kept from an earlier request is checked first, once per
        # request (CONN_HEALTH_CHECKS): the replica may have stopped since.
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError as error:
        _down_until[alias] = time.monotonic() + settings.REPLICA_RETRY_SECONDS
        connection.close()
        logger.warning("Replica %s unreachable, reading from the primary: %s", alias, error)
        return False
    _down_until.pop(alias, None)
    return True


def replica_for(request):
    """The alias of a replica this request may read from, or None."""
    if request.method not in SAFE_METHODS or STICKY_COOKIE in request.COOKIES:
        return None
    if not _lag_tolerant(request.path_info):
        return None
    replicas = list(settings.DATABASE_REPLICAS)
    random.shuffle(replicas)
    return next((alias for alias in replicas if _is_up(alias)), None)


def reading_from_replica():
    """Whether this request reads the directory from a replica: what it caches
    for every worker may then be a little late, and is kept less long."""
    return _reads_from.get() is not None


def _read_while_streaming(alias, content):
    # An export is read while it is sent, after the view has returned.
    iterator = iter(content)
    while True:
        token = _reads_from.set(alias)
        try:
            chunk = next(iterator, None)
        finally:
            _reads_from.reset(token)
        if chunk is None:
            return
        yield chunk


def read_replicas_middleware(get_response):
    def middleware(request):
        if not settings.DATABASE_REPLICAS:
            return get_response(request)
        alias = replica_for(request)
        token = _reads_from.set(alias)
        try:
            response = get_response(request)
        finally:
            _reads_from.reset(token)
        if alias and response.streaming:
            response.streaming_content = _read_while_streaming(alias, response.streaming_content)
        if request.method not in SAFE_METHODS:
            # The visitor's next pages show what they just wrote, whatever a
            # replica has replayed yet.
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=settings.REPLICA_STICKY_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response

    return middleware
