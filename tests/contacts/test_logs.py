"""A contact request and its delivery log numbers, never an address or the message."""

import logging

import pytest

from outbox.services import email_send_due
from tests.contacts.conftest import PRIVATE

pytestmark = pytest.mark.django_db

DOWN = "tests.outbox.backends.DownBackend"


def test_a_contact_request_logs_no_email_address_nor_message_body(send, wimoov, caplog, settings):
    caplog.set_level(logging.DEBUG)
    send(wimoov)
    settings.EMAIL_BACKEND = DOWN
    email_send_due()

    messages = [record.getMessage() for record in caplog.records]
    assert any(m.startswith("POST /initiatives/wimoov/contacter/ 302 ") for m in messages)
    assert any("Contact request" in m for m in messages)
    assert any("not delivered" in m for m in messages)
    logged = "\n".join(messages)
    for private in (PRIVATE, "camille.martin@example.net", "porteuse.wimoov@example.org", "@"):
        assert private not in logged
    assert "plateforme de mobilité" not in logged
    assert "Camille Martin" not in logged
