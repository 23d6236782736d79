"""The digests of alerts: the new initiatives of each due alert's search, as an
email queued in the outbox.

Each alert is handled in its own transaction, holding its row lock (SKIP
LOCKED): two runs of `send_alerts` at once, or one run twice, never send the
same news twice. The initiatives sent are recorded, and the period covered
moves on in the same transaction as the email is queued.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alerts.models import Alert, Digest, SentInitiative
from alerts.programmes import new_programmes
from alerts.searches import digest_filter, new_initiatives
from alerts.services import unsubscribe_url
from outbox.services import email_queue

log = logging.getLogger(__name__)


@dataclass
class Run:
    """What a run of send_alerts did."""

    sent: int = 0
    empty: int = 0
    unreadable: int = 0


def digests_send_due(*, now=None):
    """Queue the digest of every due alert; returns a Run."""
    now = now or timezone.now()
    run = Run()
    due = Alert.objects.due(now).order_by("next_digest_at", "pk").values_list("pk", flat=True)
    for pk in list(due):
        outcome = digest_send(pk, now=now)
        if outcome == "sent":
            run.sent += 1
        elif outcome == "empty":
            run.empty += 1
        elif outcome == "unreadable":
            run.unreadable += 1
    return run


def digest_send(pk, *, now=None):
    """Queue the digest of the alert `pk` if it is due and not being sent by
    another run: "sent", "empty" (nothing new: no email), "unreadable" (its
    search no longer reads: no email), or None (not due, or locked)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Alert.objects.due(now).filter(pk=pk).select_for_update(skip_locked=True)
        alert = locked.first()
        if alert is None:
            return None
        since = alert.covered_until or alert.confirmed_at
        filterset = digest_filter(alert, since=since, until=now)
        if filterset is None:
            outcome = "unreadable"
            log.warning("Alert %s: its search no longer reads, nothing sent", alert.pk)
        else:
            limit = settings.ALERT_DIGEST_MAX_INITIATIVES
            count, found = new_initiatives(filterset, limit=limit)
            programmes = new_programmes(filterset, since=since, until=now, limit=limit)
            outcome = "sent" if count or programmes else "empty"
            if outcome == "sent":
                _queue_digest(alert, since, now, count, found, programmes)
        alert.covered_until = now
        alert.next_digest_at = _next_digest(alert, now)
        alert.save(update_fields=["covered_until", "next_digest_at"])
    return outcome


def _next_digest(alert, now):
    """One period after the last one due, keeping the alert's rhythm; one
    period from now if sending stopped for longer than a period."""
    following = alert.next_digest_at + alert.period
    return following if following > now else now + alert.period


def _queue_digest(alert, since, now, count, found, programmes):
    unsubscribe = unsubscribe_url(alert)
    query = f"{alert.query}&tri=recent" if alert.query else "tri=recent"
    email = email_queue(
        to=alert.email,
        template="alert_digest",
        context={
            "alert": alert,
            "count": count,
            "cards": [card for _pk, card in found],
            "more": count - len(found),
            "programmes": programmes,
            "search_url": f"{settings.SITE_URL}{reverse('initiatives:list')}?{query}",
            "unsubscribe_url": unsubscribe,
            "space_url": settings.SITE_URL + reverse("accounts:space"),
        },
        headers={
            # RFC 2369 and RFC 8058: mail clients offer a one-click
            # unsubscribe, which POSTs "List-Unsubscribe=One-Click" to the URL.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    digest = Digest.objects.create(
        alert=alert,
        email=email,
        covered_from=since,
        covered_until=now,
        count=count,
        programmes=len(programmes),
    )
    SentInitiative.objects.bulk_create(
        [SentInitiative(alert=alert, initiative_id=pk, digest=digest) for pk, _card in found]
    )
    log.info(
        "Alert %s: digest %s of %d initiative(s) and %d programme(s) queued",
        alert.pk,
        digest.pk,
        count,
        len(programmes),
    )
