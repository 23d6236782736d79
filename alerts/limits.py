"""Limits on the alert form, against mailbox flooding and mass sign-ups: per
client (an IPv4 address or an IPv6 /64 network) and per address, with the
counters shared by every web worker (carrefour/ratelimits.py), which store
keyed hashes, never addresses."""

from django.conf import settings

from carrefour.ratelimits import DAY, HOUR, hit


def subscription_allowed(*, client, now=None):
    """Count one more alert asked for by `client`; False once over its hourly limit."""
    return hit(f"alert-client:{client}", settings.ALERT_LIMIT_CLIENT_HOUR, HOUR, now)


def confirmation_allowed(*, address, now=None):
    """Count one more confirmation email to `address`; False once over its daily limit."""
    return hit(f"alert-address:{address.lower()}", settings.ALERT_LIMIT_ADDRESS_DAY, DAY, now)
