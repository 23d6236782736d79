"""Alerts: subscribe (double opt-in), confirm, unsubscribe, and the digests
`manage.py send_alerts` queues in the outbox.

Logs name alerts by their number only, never by their address.
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from alerts import tokens
from alerts.models import Alert
from alerts.tokens import LinkInvalid
from outbox.services import email_queue

log = logging.getLogger(__name__)


class TooManyAlerts(Exception):
    """The address already follows ALERT_MAX_PER_ADDRESS searches."""


def normalised_address(email):
    return email.strip().lower()


def alert_subscribe(*, email, query, description, frequency, verified=False, plain=""):
    """Ask for an alert on the search `query`, sent to `email`.

    `plain`: the description without the words typed, for the confirmation
    email (which goes to an address nobody has confirmed yet); `description`
    when empty.

    The confirmation email carries the link that starts it (or changes the
    frequency of the same search's alert, if the address already follows it):
    the answer is the same whether the address follows it or not. `verified`:
    the address is that of the signed-in account, already confirmed, so the
    alert starts at once. Raises TooManyAlerts.
    """
    email = normalised_address(email)
    with transaction.atomic():
        alert = Alert.objects.for_address(email).filter(query=query).first()
        if alert is None:
            if Alert.objects.for_address(email).count() >= settings.ALERT_MAX_PER_ADDRESS:
                raise TooManyAlerts
            alert = _create(email=email, query=query, description=description, frequency=frequency)
        if verified:
            alert.confirm(frequency)
        else:
            email_queue(
                to=email,
                template="alert_confirmation",
                context={
                    "description": plain or description,
                    "frequency": Alert.Frequency(frequency).label,
                    "url": _absolute("alerts:confirm", tokens.confirmation_token(alert, frequency)),
                    "days": settings.ALERT_CONFIRMATION_DAYS,
                },
            )
    log.info("Alert %s asked (%s)", alert.pk, "confirmed" if verified else "to confirm")
    return alert


def _create(**fields):
    try:
        with transaction.atomic():
            return Alert.objects.create(**fields)
    except IntegrityError:
        # The same address and search, asked for at the same moment.
        return Alert.objects.get(email=fields["email"], query=fields["query"])


def alert_of_confirmation(token):
    """(alert, frequency) of a confirmation link, changing nothing.

    Raises tokens.LinkExpired, or LinkInvalid for a forged link or an alert
    that no longer exists.
    """
    key, frequency = tokens.read_confirmation_token(token)
    alert = Alert.objects.filter(key=key).first()
    if alert is None or frequency not in Alert.Frequency.values:
        raise LinkInvalid
    return alert, frequency


def alert_confirm(*, token):
    """Start the alert of a confirmation link (or change its frequency); returns it.

    Raises tokens.LinkExpired, or LinkInvalid for a forged link or an alert
    that no longer exists.
    """
    key, frequency = tokens.read_confirmation_token(token)
    if frequency not in Alert.Frequency.values:
        raise LinkInvalid
    with transaction.atomic():
        alert = Alert.objects.select_for_update().filter(key=key).first()
        if alert is None:
            raise LinkInvalid
        alert.confirm(frequency)
    log.info("Alert %s confirmed", alert.pk)
    return alert


def alert_delete(*, alert):
    pk = alert.pk
    alert.delete()
    log.info("Alert %s deleted", pk)


def alerts_forget_unconfirmed(*, now=None):
    """Delete the alerts whose confirmation link has expired; returns how many."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.ALERT_CONFIRMATION_DAYS)
    deleted, _ = Alert.objects.expired(limit).delete()
    return deleted


def unsubscribe_url(alert):
    return _absolute("alerts:unsubscribe", alert.key)


def _absolute(name, *args):
    return settings.SITE_URL + reverse(name, args=args)
