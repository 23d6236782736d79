"""Queue emails with the change they tell about; a worker sends them with retries.

No web request ever talks to the mail server: a slow or dead one would hold a
gunicorn worker for EMAIL_TIMEOUT per email. `manage.py send_emails --loop N`,
started beside the web server, delivers the queue.
"""

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


def email_queue(*, to, template, context, reply_to="", headers=None):
    """Store an email rendered from `emails/<template>_subject.txt` and `.txt`.

    Call it inside the transaction of the change: the email exists if and only
    if the change does. `manage.py send_emails` sends it and retries failures.
    `headers` ({name: value}) are added to the message as they are, for
    example List-Unsubscribe.
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
        headers=headers or {},
    )
    return email


def email_send_due(*, limit=500, stopping=lambda: False):
    """Send the emails that are due; returns (sent, failed).

    Each email is claimed with a row lock (SKIP LOCKED), so several senders
    never deliver the same email twice. A hung mail server costs at most
    EMAIL_TIMEOUT per email. `stopping()` is asked before each email, so that
    a worker told to stop finishes the email in hand and no more.
    """
    sent = failed = 0
    for _ in range(limit):
        if stopping():
            break
        with transaction.atomic():
            queue = Email.objects.due().select_for_update(skip_locked=True)
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
        headers={**email.headers, "X-Carrefour-Email": str(email.pk)},
    )
    message.send(fail_silently=False)
