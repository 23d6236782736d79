"""The brute-force guard: too many failed logins lock an account or an address.

An account (the normalised identifier typed, whether it exists or not) is locked
while it has LOGIN_FAILURES_PER_ACCOUNT failures in the last LOGIN_LOCKOUT_MINUTES
minutes; an address (an IPv4 address or an IPv6 /64 network) while it has
LOGIN_FAILURES_PER_IP. Attempts on one account or from one address are
serialised by PostgreSQL advisory locks, so the counts are exact however many
workers answer at once. A locked attempt checks no password and
is not counted: the lock ends at a time the person can be told.
"""

import datetime
import math

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from accounts.backends import BACKEND, password_check
from accounts.models import LoginFailure
from accounts.services import is_unverified
from carrefour.clients import client_network

KEEP_FAILURES = datetime.timedelta(days=1)


def window():
    return datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def normalise(username):
    return (username or "").strip().lower()[:254]


def locked_until(username, ip, now=None):
    """When this account and this address may try again, or None if they may now."""
    now = now or timezone.now()
    limits = [("username", username, settings.LOGIN_FAILURES_PER_ACCOUNT)]
    if ip:
        limits.append(("ip", ip, settings.LOGIN_FAILURES_PER_IP))
    until = None
    for field, value, limit in limits:
        recent = (
            LoginFailure.objects.filter(**{field: value}, created_at__gt=now - window())
            .order_by("-created_at")
            .values_list("created_at", flat=True)[:limit]
        )
        recent = list(recent)
        if len(recent) >= limit:
            # Locked until the limit-th most recent failure leaves the window.
            candidate = recent[limit - 1] + window()
            until = max(until, candidate) if until else candidate
    return until


def minutes_left(until, now=None):
    seconds = (until - (now or timezone.now())).total_seconds()
    return max(1, math.ceil(seconds / 60))


def _serialise(*keys):
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])


def login_attempt(request, username, password):
    """Check a password under the guard: returns (user or None, outcome).

    outcome is "ok", "locked" (with request.login_locked_until set), "unverified"
    (right password of an account whose address is not confirmed yet) or "invalid".
    """
    key = normalise(username)
    ip = client_network(request)
    with transaction.atomic():
        _serialise(f"login-account:{key}", f"login-ip:{ip}")
        until = locked_until(key, ip)
        if until:
            request.login_locked_until = until
            return None, "locked"
        # One password check answers both questions (may this account log in, is
        # it an unconfirmed one with the right password?): a second hash for
        # unconfirmed accounts only would tell them apart by the delay.
        user, right = password_check(username, password)
        if right and user.is_active:
            user.backend = BACKEND
            LoginFailure.objects.filter(username=key).delete()
            return user, "ok"
        now = timezone.now()
        LoginFailure.objects.filter(created_at__lt=now - KEEP_FAILURES).delete()
        LoginFailure.objects.create(username=key, ip=ip, created_at=now)
    if right and is_unverified(user):
        return user, "unverified"
    return None, "invalid"


def clear_failures(username):
    LoginFailure.objects.filter(username=normalise(username)).delete()
