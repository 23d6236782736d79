"""Queue emails with the change they tell about; send them with retries."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

from outbox.models import Email

log = logging.getLogger(__name__)

# What a broken or unreachable mail server raises.
DELIVERY_ERRORS = (smtplib.SMTPException, OSError, TimeoutError)


def email_queue(*, to, template, context, reply_to=""):
    """Store an email rendered from `emails/<template>_subject.txt` and `.txt`.

    Call it inside the transaction of the change: the email exists if and only
    if the change does. It is sent after commit when EMAIL_SEND_ON_COMMIT is on,
    and in any case by `manage.py send_emails`, which retries failures.
    """
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{template}_subject.txt", context)
    body = render_to_string(f"emails/{template}.txt", context)
    email = Email.objects.create(
        kind=template.replace("_", "-"),
        to=to,
        reply_to=reply_to,
        subject=" ".join(subject.split())[:250],
        body=body,
    )
    if settings.EMAIL_SEND_ON_COMMIT:
        transaction.on_commit(lambda: email_send_due(ids=[email.pk]))
    return email


def email_send_due(*, ids=None, limit=500):
    """Send the emails that are due (or only `ids`); returns (sent, failed).

    Each email is claimed with a row lock (SKIP LOCKED), so several senders
    never deliver the same email twice.
    """
    sent = failed = 0
    for _ in range(limit):
        with transaction.atomic():
            queue = Email.objects.due().select_for_update(skip_locked=True)
            if ids is not None:
                queue = queue.filter(pk__in=ids)
            email = queue.order_by("next_attempt_at", "pk").first()
            if email is None:
                break
            try:
                _deliver(email)
            except DELIVERY_ERRORS as error:
                email.mark_failed(error)
                failed += 1
                log.warning("Email %s (%s) not delivered: %s", email.pk, email.kind, type(error))
            else:
                email.mark_sent()
                sent += 1
    return sent, failed


def _deliver(email):
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers={"X-Carrefour-Email": str(email.pk)},
    )
    message.send(fail_silently=False)
