"""Contact requests: store, deliver through the outbox, mark as spam, purge.

Logs name requests by their number only: never an address nor a message.
"""

import datetime
import logging

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor
from carrefour import ratelimits
from contacts.models import ContactRequest, UsedFormToken
from outbox.models import Email
from outbox.services import email_queue

log = logging.getLogger(__name__)


class FormAlreadySent(Exception):
    """The form that carried this request was already sent once."""


SPEND_TOKEN_SQL = f"""
INSERT INTO {UsedFormToken._meta.db_table} (nonce, used_at) VALUES (%s, %s)
ON CONFLICT (nonce) DO NOTHING
RETURNING nonce
"""


def _token_spend(nonce):
    """Record the form's token as used; False if it already was.

    A second transaction inserting the same nonce waits for the first one:
    it inserts only if the first was rolled back, so a form is accepted once.
    """
    with connection.cursor() as cursor:
        cursor.execute(SPEND_TOKEN_SQL, [nonce, timezone.now()])
        return cursor.fetchone() is not None


def contact_request_create(
    *,
    recipient,
    token,
    name,
    email,
    organisation,
    sender_kind,
    purpose,
    territory,
    message,
):
    """Store a request to `recipient` (an Initiative or an Actor) and queue its emails.

    The request, the emails to the recipient's private addresses (Reply-To the
    sender), the sender's acknowledgement and the form's `token` (the nonce of
    contacts.forms.form_token) marked as used are written in one transaction.
    Raises FormAlreadySent, storing nothing, if that token was already used.
    """
    target = {"actor": recipient} if isinstance(recipient, Actor) else {"initiative": recipient}
    with transaction.atomic():
        if not _token_spend(token):
            raise FormAlreadySent
        contact = ContactRequest.objects.create(
            **target,
            sender_name=name,
            sender_email=email,
            sender_organisation=organisation,
            sender_kind=sender_kind,
            purpose=purpose,
            territory=territory,
            message=message,
        )
        _queue_deliveries(contact)
        contact.confirmation = email_queue(
            to=contact.sender_email,
            template="contact_confirmation",
            context=_email_context(contact),
        )
        contact.save(update_fields=["confirmation"])
    log.info(
        "Contact request %s stored for %s %s", contact.pk, recipient._meta.model_name, recipient.pk
    )
    return contact


def _queue_deliveries(contact):
    context = _email_context(contact)
    for address, is_holder in contact.recipient_addresses():
        email = email_queue(
            to=address,
            template="contact_request",
            context={**context, "for_holder": is_holder},
            reply_to=contact.sender_email,
        )
        contact.deliveries.add(email)


def _email_context(contact):
    recipient = contact.recipient
    return {
        "contact": contact,
        "recipient_name": recipient.name,
        "recipient_url": settings.SITE_URL + recipient.get_absolute_url(),
        "inbox_url": settings.SITE_URL + reverse("contacts:inbox"),
        "retention_days": settings.CONTACT_RETENTION_DAYS,
        "privacy_email": settings.PRIVACY_EMAIL,
    }


def contact_requests_mark_spam(*, contact_requests):
    """Flag requests as spam and cancel the emails not sent yet; returns how many."""
    with transaction.atomic():
        ids = list(contact_requests.filter(is_spam=False).values_list("pk", flat=True))
        ContactRequest.objects.filter(pk__in=ids).update(is_spam=True)
        Email.objects.filter(contact_requests__in=ids, status=Email.Status.PENDING).delete()
        Email.objects.filter(
            pk__in=ContactRequest.objects.filter(pk__in=ids).values("confirmation"),
            status=Email.Status.PENDING,
        ).delete()
    log.info("%d contact request(s) marked as spam", len(ids))
    return len(ids)


def contact_requests_unmark_spam(*, contact_requests):
    """Clear the spam flag; a request whose emails were cancelled is delivered again."""
    ids = list(contact_requests.filter(is_spam=True).values_list("pk", flat=True))
    with transaction.atomic():
        requests = list(ContactRequest.objects.filter(pk__in=ids).select_for_update())
        for contact in requests:
            contact.is_spam = False
            contact.save(update_fields=["is_spam"])
            if not contact.deliveries.exists():
                _queue_deliveries(contact)
    log.info("%d contact request(s) restored", len(requests))
    return len(requests)


def contact_requests_delete(*, contact_requests):
    """Delete requests with their emails, which hold the same personal data."""
    with transaction.atomic():
        ids = list(contact_requests.values_list("pk", flat=True))
        requests = ContactRequest.objects.filter(pk__in=ids)
        emails = list(
            Email.objects.filter(contact_requests__in=ids).values_list("pk", flat=True)
        ) + [pk for pk in requests.values_list("confirmation", flat=True) if pk]
        deleted, _ = requests.delete()
        Email.objects.filter(pk__in=emails).delete()
    return len(ids)


def contact_requests_purge(*, now=None):
    """Delete the requests older than CONTACT_RETENTION_DAYS, past rate-limit
    counters and the used form tokens that have expired anyway.

    Returns (requests, counters, tokens) deleted. Running it again deletes nothing more.
    """
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.CONTACT_RETENTION_DAYS)
    requests = contact_requests_delete(
        contact_requests=ContactRequest.objects.received_before(limit)
    )
    # The longest window is a day: older counters count nothing any more.
    counters = ratelimits.forget_before(ratelimits.window_start(ratelimits.DAY, now))
    # A token used before that moment was shown before it too: it is expired.
    expired = now - datetime.timedelta(seconds=settings.CONTACT_FORM_MAX_SECONDS)
    tokens, _ = UsedFormToken.objects.filter(used_at__lt=expired).delete()
    log.info(
        "Purge: %d contact request(s), %d counter(s), %d used form token(s) deleted",
        requests,
        counters,
        tokens,
    )
    return requests, counters, tokens
