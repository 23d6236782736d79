"""A limit per client on the forms that send an email to an address anyone can
type: sign-up and password reset. Each address already gets at most
ACCOUNT_EMAILS_PER_HOUR such emails (accounts.services.may_email); this limit
stops one client from writing to many addresses.

Counted per client (an IPv4 address or an IPv6 /64 network), with the counters
shared by every web worker (carrefour/ratelimits.py).
"""

from django.conf import settings

from carrefour.clients import client_network
from carrefour.ratelimits import HOUR, hit


def account_email_allowed(request, purpose):
    """Count one more `purpose` form ("signup", "reset") sent by this client;
    False once it sent ACCOUNT_EMAILS_PER_CLIENT_HOUR in the hour."""
    return hit(
        f"{purpose}:{client_network(request)}", settings.ACCOUNT_EMAILS_PER_CLIENT_HOUR, HOUR
    )
