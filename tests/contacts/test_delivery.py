"""Delivery through a real SMTP server on 127.0.0.1 that goes down, then comes back."""

import datetime
import email
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone

from contacts.models import ContactRequest
from outbox.models import Email
from tests.contacts.conftest import PRIVATE
from tests.hung_smtp import send_through

pytestmark = pytest.mark.django_db


class Mailbox:
    """An aiosmtpd handler keeping every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self, port):
        self.port = port
        self.mailbox = Mailbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    server = SMTPServer(free_port())
    send_through(settings, server.port, timeout=5)
    server.start()
    yield server
    server.stop()


def make_due():
    """What the passing of time does: every retry becomes due."""
    Email.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))


def test_a_request_reaches_the_smtp_server_from_the_platform_with_reply_to_the_sender(
    smtp, send, wimoov
):
    send(wimoov)
    call_command("send_emails")
    assert len(smtp.mailbox.messages) == 3
    to_fiche = next(m for m in smtp.mailbox.messages if m["To"] == PRIVATE)
    assert to_fiche["From"] == "Carrefour <ne-pas-repondre@carrefour.localhost>"
    assert to_fiche["Reply-To"] == "camille.martin@example.net"
    confirmation = next(m for m in smtp.mailbox.messages if m["To"] == "camille.martin@example.net")
    assert confirmation["Reply-To"] is None
    assert PRIVATE not in confirmation.as_string()


def test_with_the_mail_server_down_requests_are_kept_then_delivered_once_when_it_is_back(
    smtp, send, wimoov, caplog
):
    smtp.stop()
    senders = [f"visiteur{number}@example.net" for number in range(3)]
    for address in senders:
        response = send(wimoov, email=address, meta={"REMOTE_ADDR": "203.0.113.7"})
        assert response.status_code == 302, "the sender is thanked: the request is stored"
    assert ContactRequest.objects.count() == 3
    assert Email.objects.count() == 9
    assert set(Email.objects.values_list("status", "attempts")) == {(Email.Status.PENDING, 0)}

    call_command("send_emails")
    first_try = {email.pk: email.next_attempt_at for email in Email.objects.all()}
    for stored in Email.objects.all():
        assert stored.status == Email.Status.PENDING
        assert stored.attempts == 1
        assert stored.next_attempt_at > timezone.now(), "retried later, not hammered"
        assert "ConnectionRefusedError" in stored.last_error
    statuses = {c.delivery_status for c in ContactRequest.objects.with_delivery()}
    assert statuses == {ContactRequest.Delivery.RETRYING}

    call_command("send_emails")
    assert Email.objects.filter(attempts=1).count() == 9, "nothing is due yet"

    make_due()
    call_command("send_emails")
    for stored in Email.objects.all():
        assert stored.attempts == 2
        assert stored.next_attempt_at - timezone.now() > datetime.timedelta(seconds=90), (
            "the delay grows"
        )
    assert all(first_try[e.pk] < e.next_attempt_at for e in Email.objects.all())

    smtp.start()
    make_due()
    call_command("send_emails")
    call_command("send_emails")
    make_due()
    call_command("send_emails")

    assert Email.objects.filter(status=Email.Status.SENT).count() == 9
    ids = [message["X-Carrefour-Email"] for message in smtp.mailbox.messages]
    assert sorted(ids) == sorted(str(pk) for pk in Email.objects.values_list("pk", flat=True))
    recipients = sorted(message["To"] for message in smtp.mailbox.messages)
    assert recipients == sorted([PRIVATE] * 3 + ["porteuse.wimoov@example.org"] * 3 + senders)
    statuses = {c.delivery_status for c in ContactRequest.objects.with_delivery()}
    assert statuses == {ContactRequest.Delivery.DELIVERED}
    # The test SMTP server itself logs addresses: only the portal's logs count.
    logged = "\n".join(
        record.getMessage() for record in caplog.records if not record.name.startswith("mail.")
    )
    assert "Contact request" in logged and "not delivered" in logged
    assert "example.net" not in logged and "example.org" not in logged
    assert "plateforme de mobilité" not in logged


def test_a_delivery_given_up_on_is_visible_as_failed(smtp, send, wimoov, admin_client):
    smtp.stop()
    send(wimoov)
    Email.objects.update(status=Email.Status.FAILED)
    contact = ContactRequest.objects.with_delivery().get()
    assert contact.delivery_status == ContactRequest.Delivery.FAILED
    html = admin_client.get("/admin/contacts/contactrequest/?transmission=failed").content.decode()
    assert "échec de transmission" in html
    assert "Camille Martin" in html
