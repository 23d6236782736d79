"""Limits on what one account, or one client, may create in an hour: drafts
(/proposer/) and fiches sent to review. Each is a row moderators may have to
read, and sending one emails its holder.

Counted per account and per client (an IPv4 address or an IPv6 /64 network),
with the counters shared by every web worker (carrefour/ratelimits.py).
"""

from django.conf import settings

from carrefour.clients import client_network
from carrefour.ratelimits import HOUR, hit


def _allowed(request, purpose, per_account, per_client):
    # The account first: an account over its limit does not use up the
    # allowance of the other people sharing its address.
    checks = [
        (f"{purpose}:account:{request.user.pk}", per_account),
        (f"{purpose}:client:{client_network(request)}", per_client),
    ]
    return all(hit(name, limit, HOUR) for name, limit in checks)


def draft_allowed(request):
    """Count one more draft created by this account and client; False once over."""
    return _allowed(
        request, "draft", settings.DRAFTS_PER_ACCOUNT_HOUR, settings.DRAFTS_PER_CLIENT_HOUR
    )


def submission_allowed(request):
    """Count one more fiche sent to review by this account and client; False once over."""
    return _allowed(
        request,
        "submission",
        settings.SUBMISSIONS_PER_ACCOUNT_HOUR,
        settings.SUBMISSIONS_PER_CLIENT_HOUR,
    )
