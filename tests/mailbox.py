"""Read the emails of the outbox as a person reads their mailbox."""

import re

from django.conf import settings

from outbox.models import Email


def emails_to(address):
    return list(Email.objects.filter(to=address).order_by("created_at", "pk"))


def last_email_to(address):
    emails = emails_to(address)
    assert emails, f"no email to {address}"
    return emails[-1]


def links_in(email):
    """The site's links in an email, as paths the test client can follow."""
    return [
        link[len(settings.SITE_URL) :]
        for link in re.findall(re.escape(settings.SITE_URL) + r"/\S+", email.body)
    ]
