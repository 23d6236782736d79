"""The retention period: manage.py purge_contact_requests."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from carrefour.models import RateLimit
from contacts.limits import contact_allowed
from contacts.models import ContactRequest, UsedFormToken
from outbox.models import Email
from outbox.services import email_queue

pytestmark = pytest.mark.django_db


def age(days, **filters):
    ContactRequest.objects.filter(**filters).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_it_deletes_requests_past_the_retention_period_with_their_emails(send, wimoov, capsys):
    send(wimoov, email="ancienne@example.net")
    send(wimoov, email="recente@example.net")
    age(366, sender_email="ancienne@example.net")
    age(364, sender_email="recente@example.net")
    assert Email.objects.count() == 6

    call_command("purge_contact_requests")

    assert "1 demande(s) de contact de plus de 365 jours effacée(s)" in capsys.readouterr().out
    assert list(ContactRequest.objects.values_list("sender_email", flat=True)) == [
        "recente@example.net"
    ]
    assert Email.objects.count() == 3
    assert not Email.objects.filter(to="ancienne@example.net").exists()
    assert not Email.objects.filter(reply_to="ancienne@example.net").exists()


def test_running_it_again_changes_nothing(send, wimoov, capsys):
    send(wimoov)
    age(400)
    call_command("purge_contact_requests")
    capsys.readouterr()
    call_command("purge_contact_requests")
    assert "0 demande(s)" in capsys.readouterr().out
    assert ContactRequest.objects.count() == 0


def test_the_retention_period_is_configurable(send, wimoov, settings):
    settings.CONTACT_RETENTION_DAYS = 30
    send(wimoov)
    age(31)
    call_command("purge_contact_requests")
    assert ContactRequest.objects.count() == 0


def test_it_leaves_other_emails_alone(send, wimoov):
    email_queue(to="quelquun@example.org", template="message", context={"body": "x"})
    send(wimoov)
    age(400)
    call_command("purge_contact_requests")
    assert list(Email.objects.values_list("to", flat=True)) == ["quelquun@example.org"]


def test_it_forgets_past_rate_limit_windows(db):
    now = timezone.now()
    contact_allowed(
        client="203.0.113.7", recipient="initiative-1", now=now - datetime.timedelta(days=2)
    )
    contact_allowed(client="203.0.113.7", recipient="initiative-1", now=now)
    yesterday = now - datetime.timedelta(days=1)
    assert RateLimit.objects.filter(window_start__lt=yesterday).count() == 3
    call_command("purge_contact_requests")
    assert RateLimit.objects.filter(window_start__lt=yesterday).count() == 0
    assert RateLimit.objects.filter(window_start__gte=yesterday).count() == 3


def test_it_forgets_used_form_tokens_once_they_have_expired(send, wimoov, settings, capsys):
    send(wimoov)
    send(wimoov)
    expired = UsedFormToken.objects.first()
    expired.used_at = timezone.now() - datetime.timedelta(seconds=7201)
    expired.save()

    call_command("purge_contact_requests")

    assert "1 jeton(s) de formulaire expiré(s) effacé(s)" in capsys.readouterr().out
    assert UsedFormToken.objects.count() == 1
