"""Moderation of contact requests in the admin."""

import pytest
from django.core import mail

from contacts.models import ContactRequest
from outbox.models import Email
from outbox.services import email_send_due
from tests.contacts.conftest import PRIVATE

pytestmark = pytest.mark.django_db

LIST = "/admin/contacts/contactrequest/"


def test_moderators_see_requests_with_their_delivery_status(send, wimoov, admin_client):
    send(wimoov)
    email_send_due()
    html = admin_client.get(LIST).content.decode()
    assert "Camille Martin" in html
    assert "Wimoov" in html
    assert "transmise" in html


def test_the_detail_lists_each_email_and_its_attempts(send, wimoov, admin_client):
    send(wimoov)
    contact = ContactRequest.objects.get()
    html = admin_client.get(f"{LIST}{contact.pk}/change/").content.decode()
    assert "nous aimerions une plateforme de mobilité à Voiron" in html
    assert "accusé de réception" in html
    assert html.count("/admin/outbox/email/") >= 3


def test_marking_spam_cancels_what_is_not_sent_yet(send, wimoov, admin_client):
    send(wimoov)
    response = admin_client.post(
        LIST,
        {"action": "mark_spam", "_selected_action": [ContactRequest.objects.get().pk]},
        follow=True,
    )
    assert "1 demande marquée comme indésirable" in response.content.decode()
    contact = ContactRequest.objects.get()
    assert contact.is_spam
    assert Email.objects.count() == 0
    html = admin_client.get(f"{LIST}?is_spam__exact=1").content.decode()
    assert "indésirable" in html


def test_a_request_wrongly_marked_as_spam_is_delivered_again(send, wimoov, admin_client):
    send(wimoov)
    pk = ContactRequest.objects.get().pk
    admin_client.post(LIST, {"action": "mark_spam", "_selected_action": [pk]})
    admin_client.post(LIST, {"action": "unmark_spam", "_selected_action": [pk]})
    assert not ContactRequest.objects.get().is_spam
    email_send_due()
    assert sorted(m.to[0] for m in mail.outbox) == ["porteuse.wimoov@example.org", PRIVATE]


def test_deleting_a_request_deletes_its_emails(send, wimoov, admin_client):
    send(wimoov)
    send(wimoov, email="autre@example.net")
    pks = list(ContactRequest.objects.values_list("pk", flat=True))
    admin_client.post(LIST, {"action": "delete_with_emails", "_selected_action": pks[:1]})
    assert ContactRequest.objects.count() == 1
    assert Email.objects.count() == 3


def test_moderators_cannot_add_or_rewrite_a_request(send, wimoov, admin_client):
    send(wimoov)
    contact = ContactRequest.objects.get()
    assert admin_client.get(f"{LIST}add/").status_code == 403
    admin_client.post(
        f"{LIST}{contact.pk}/change/", {"message": "réécrit", "is_spam": "on"}, follow=True
    )
    contact.refresh_from_db()
    assert contact.message.startswith("Bonjour")
    assert contact.is_spam


def test_the_list_filters_by_delivery_status(send, wimoov, admin_client):
    send(wimoov, name="En attente")
    for status in ("pending", "retrying", "delivered", "failed", "inbox"):
        assert admin_client.get(f"{LIST}?transmission={status}").status_code == 200
    assert "En attente" in admin_client.get(f"{LIST}?transmission=pending").content.decode()
    assert "En attente" not in admin_client.get(f"{LIST}?transmission=delivered").content.decode()
