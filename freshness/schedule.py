"""When a fiche is due for what, as querysets of published initiatives.

A published fiche not verified for FRESHNESS_VERIFY_DAYS (counted from its
publication if it never was) gets a first email; without an answer, a second and
a third, FRESHNESS_REMINDER_DAYS apart; FRESHNESS_REMINDER_DAYS after the third,
it is "à vérifier"; FRESHNESS_ARCHIVE_DAYS later, archived. Each step reads the
state the previous one wrote on the initiative (reminders_sent, reminded_at,
to_verify_since), so running the schedule twice on the same day does nothing more.
"""

import datetime

from django.conf import settings
from django.db.models.functions import Coalesce

from initiatives.models import Initiative

# The first email and its two reminders.
EMAILS = 3

FIRST, REMIND, TO_VERIFY, ARCHIVE = "first", "remind", "to_verify", "archive"
# Latest steps first: a fiche moved by one step is not due for the next one the same day.
STEPS = (ARCHIVE, TO_VERIFY, REMIND, FIRST)


def _days(number):
    return datetime.timedelta(days=number)


def due(step, now):
    """The published initiatives due for `step` at `now`."""
    published = Initiative.objects.published()
    spaced = now - _days(settings.FRESHNESS_REMINDER_DAYS)
    if step == ARCHIVE:
        return published.filter(to_verify_since__lte=now - _days(settings.FRESHNESS_ARCHIVE_DAYS))
    waiting = published.filter(to_verify_since__isnull=True)
    if step == TO_VERIFY:
        return waiting.filter(reminders_sent__gte=EMAILS, reminded_at__lte=spaced)
    if step == REMIND:
        return waiting.filter(
            reminders_sent__gte=1, reminders_sent__lt=EMAILS, reminded_at__lte=spaced
        )
    if step == FIRST:
        return (
            waiting.filter(reminders_sent=0)
            .alias(fresh_since=Coalesce("verified_at", "published_at", "created_at"))
            .filter(fresh_since__lte=now - _days(settings.FRESHNESS_VERIFY_DAYS))
        )
    raise ValueError(step)
