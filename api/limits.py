"""How many API requests a client may send: counted by carrefour.ratelimits,
shared by every worker."""

import datetime

from django.conf import settings
from django.utils import timezone

from carrefour import ratelimits
from carrefour.clients import client_network

MINUTE = datetime.timedelta(minutes=1)


def seconds_until_allowed(request, now=None):
    """Count this request of its client; 0 while within the limit per minute,
    else the seconds until the next window."""
    now = now or timezone.now()
    name = f"api|{client_network(request)}"
    if ratelimits.hit(name, settings.API_REQUESTS_PER_CLIENT_MINUTE, MINUTE, now):
        return 0
    window_end = ratelimits.window_start(MINUTE, now) + MINUTE
    return max(1, int((window_end - now).total_seconds()) + 1)
