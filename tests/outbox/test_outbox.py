import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from outbox.models import MAX_ATTEMPTS, Email
from outbox.services import email_queue, email_send_due

pytestmark = pytest.mark.django_db

DOWN = "tests.outbox.backends.DownBackend"


def queue(**overrides):
    fields = {
        "to": "porteuse@example.org",
        "template": "message",
        "context": {"subject": "Votre fiche", "body": "Elle est publiée."},
    }
    return email_queue(**{**fields, **overrides})


def test_an_email_is_stored_with_the_change_and_the_worker_sends_it(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue(reply_to="visiteur@example.org")
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Email.Status.PENDING, 0)
    assert mail.outbox == [], "committing sends nothing: the worker does"

    assert email_send_due() == (1, 0)
    email.refresh_from_db()
    assert email.status == Email.Status.SENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["porteuse@example.org"]
    assert message.reply_to == ["visiteur@example.org"]
    assert message.subject == "Votre fiche"
    assert "Elle est publiée." in message.body


def test_no_email_exists_for_a_change_that_was_rolled_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError
    assert Email.objects.count() == 0
    assert email_send_due() == (0, 0)


def test_a_failed_delivery_is_retried_later_with_growing_delays(settings):
    settings.EMAIL_BACKEND = DOWN
    email = queue()
    assert email_send_due() == (0, 1)
    email.refresh_from_db()
    assert email.status == Email.Status.PENDING
    assert email.attempts == 1
    assert "relay@example.org" not in email.last_error
    assert "SMTPServerDisconnected" in email.last_error
    first_delay = email.next_attempt_at - timezone.now()
    assert email_send_due() == (0, 0), "not due yet"
    Email.objects.update(next_attempt_at=timezone.now())
    email_send_due()
    email.refresh_from_db()
    assert email.next_attempt_at - timezone.now() > first_delay


def test_the_server_coming_back_delivers_each_email_once(settings):
    settings.EMAIL_BACKEND = DOWN
    for number in range(3):
        queue(to=f"porteur{number}@example.org")
    assert email_send_due() == (0, 3)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Email.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    assert email_send_due() == (3, 0)
    assert email_send_due() == (0, 0)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "porteur0@example.org",
        "porteur1@example.org",
        "porteur2@example.org",
    ]


def test_it_gives_up_after_the_last_attempt_and_moderators_can_see_it(settings):
    settings.EMAIL_BACKEND = DOWN
    email = queue()
    for _ in range(MAX_ATTEMPTS):
        Email.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        email_send_due()
    email.refresh_from_db()
    assert email.status == Email.Status.FAILED
    assert list(Email.objects.failed()) == [email]


def test_the_command_sends_what_is_due(capsys):
    queue()
    call_command("send_emails")
    assert "1 courriel(s) envoyé(s), 0 en échec." in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_a_hung_mail_server_delays_the_worker_by_the_timeout_and_the_email_is_retried(
    hung_smtp,
):
    email = queue()
    assert email_send_due() == (0, 1)
    assert len(hung_smtp.connections) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Email.Status.PENDING, 1)
    assert "timed out" in email.last_error
    assert email.next_attempt_at > timezone.now()


def test_the_headers_stored_with_an_email_are_sent_with_it():
    queue(headers={"List-Unsubscribe": "<https://example.org/stop/abc/>"})
    assert email_send_due() == (1, 0)
    message = mail.outbox[0].message()
    assert message["List-Unsubscribe"] == "<https://example.org/stop/abc/>"
    assert message["X-Carrefour-Email"]
