"""The signed links of a reminder email.

A link carries its reminder's id, signed with SECRET_KEY and a salt of its own
(django.core.signing): it cannot be forged, nor be swapped with another signed
value of the site. It works FRESHNESS_LINK_DAYS after its email was sent: that
date is stored with the reminder, so its age is checked against the database,
for any `now`, rather than against a timestamp the link would carry.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from freshness.models import Reminder

SALT = "freshness.reminder"

# The answers a link gives, as its last path segment.
CONFIRM, UPDATE, STOPPED = "confirmer", "modifier", "arretee"
ACTIONS = (CONFIRM, UPDATE, STOPPED)


class LinkError(Exception):
    pass


class LinkInvalid(LinkError):
    """Not a link the site signed (mistyped, cut, forged), or its fiche is deleted."""


class LinkExpired(LinkError):
    """A real link, too old to be used."""


def token(reminder):
    return signing.Signer(salt=SALT).sign(str(reminder.pk))


def reminder_url(reminder, action):
    return settings.SITE_URL + reverse("freshness:answer", args=[token(reminder), action])


def expires_at(reminder):
    return reminder.sent_at + datetime.timedelta(days=settings.FRESHNESS_LINK_DAYS)


def reminder_from_token(value, now=None):
    """The reminder a link names, with its initiative; raises LinkInvalid or LinkExpired."""
    try:
        pk = int(signing.Signer(salt=SALT).unsign(value))
    except (signing.BadSignature, ValueError):
        raise LinkInvalid from None
    reminder = Reminder.objects.select_related("initiative").filter(pk=pk).first()
    if reminder is None:
        raise LinkInvalid
    if expires_at(reminder) < (now or timezone.now()):
        raise LinkExpired
    return reminder
