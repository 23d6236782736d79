"""A mail server that accepts connections and never answers slows no page.

Each request runs its commit callbacks, as it would outside the test's
transaction: whatever a request would do after committing, it does here.
"""

import pytest

from outbox.models import Email

pytestmark = pytest.mark.django_db


def test_a_contact_request_is_stored_without_connecting_to_the_mail_server(
    hung_smtp, send, wimoov, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(wimoov)

    assert response.status_code == 302
    assert hung_smtp.connections == [], "the request must not talk to the mail server"
    stored = list(Email.objects.values_list("status", "attempts"))
    assert stored == [(Email.Status.PENDING, 0)] * 3


def test_a_sign_up_is_stored_without_connecting_to_the_mail_server(
    hung_smtp, visitor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(
            "/compte/inscription/",
            {
                "email": "lea@example.org",
                "password": "des tartines",
                "password_again": "des tartines",
            },
        )

    assert response.status_code == 302
    assert hung_smtp.connections == []
    email = Email.objects.get(to="lea@example.org")
    assert (email.status, email.attempts) == (Email.Status.PENDING, 0)
