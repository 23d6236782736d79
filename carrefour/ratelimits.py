"""Fixed-window counters shared by every web worker, in PostgreSQL: the limits
of the forms anyone can send (contacts/limits.py, accounts/limits.py,
submissions/limits.py).

One statement increments a counter and returns its new value, so concurrent
requests in several processes never both see the last free slot.
"""

import datetime

from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac

from carrefour.models import RateLimit

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)

HIT_SQL = f"""
INSERT INTO {RateLimit._meta.db_table} (key, window_start, count) VALUES (%s, %s, 1)
ON CONFLICT (key, window_start)
DO UPDATE SET count = {RateLimit._meta.db_table}.count + 1
RETURNING count
"""


def window_start(period, now=None):
    now = now or timezone.now()
    seconds = int(period.total_seconds())
    epoch = int(now.timestamp())
    return datetime.datetime.fromtimestamp(epoch - epoch % seconds, tz=datetime.UTC)


def bucket_key(name, period):
    # A keyed hash: counters never store an address. The salt keeps the name
    # of the module where counting began, so the counters of the current
    # window still count after an upgrade.
    return salted_hmac("contacts.ratelimit", f"{name}|{period}", algorithm="sha256").hexdigest()


def hit(name, limit, period, now=None):
    """Count one more event for `name` in the current window; True while within `limit`."""
    with connection.cursor() as cursor:
        cursor.execute(HIT_SQL, [bucket_key(name, period), window_start(period, now)])
        (count,) = cursor.fetchone()
    return count <= limit


def forget_before(moment):
    """Delete the counters of windows that started before `moment`."""
    deleted, _ = RateLimit.objects.filter(window_start__lt=moment).delete()
    return deleted
