"""Limits on the contact form, per client (an IPv4 address or an IPv6 /64
network) and per recipient, with the counters shared by every web worker
(carrefour/ratelimits.py)."""

from django.conf import settings

from carrefour.ratelimits import DAY, HOUR, hit


def contact_allowed(*, client, recipient, now=None):
    """Count a contact request from `client` to `recipient`; False once over a limit.

    The client's limits are checked first, so a client refused never uses up
    the recipient's allowance.
    """
    checks = [
        (f"client:{client}", settings.CONTACT_LIMIT_CLIENT_HOUR, HOUR),
        (f"client:{client}", settings.CONTACT_LIMIT_CLIENT_DAY, DAY),
        (f"recipient:{recipient}", settings.CONTACT_LIMIT_RECIPIENT_DAY, DAY),
    ]
    return all(hit(name, limit, period, now) for name, limit, period in checks)
