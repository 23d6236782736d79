"""Alerts as a visitor meets them: the form, the emails in the outbox, their links."""

import datetime

import pytest
from django.core import signing
from django.utils import timezone

from alerts.models import Alert
from tests.mailbox import last_email_to, links_in

VOIRON = "commune-38563"
ISERE = "departement-38"


def subscribe(client, query, email="elue@example.org", frequency="hebdomadaire", **extra):
    """Send the alert form of the search `query` ("thematique=mobilite&…")."""
    return client.post(
        f"/alertes/nouvelle/?{query}", {"email": email, "frequency": frequency}, **extra
    )


def confirmation_link(email="elue@example.org"):
    emailed = last_email_to(email.lower())
    [link] = [link for link in links_in(emailed) if "/alertes/confirmer/" in link]
    return link


def subscribe_and_confirm(client, query, email="elue@example.org", frequency="hebdomadaire"):
    response = subscribe(client, query, email, frequency)
    assert response.status_code == 302, response.content.decode()
    link = confirmation_link(email)
    response = client.post(link)
    assert response.status_code == 200
    key = signing.loads(link.split("/")[-2], salt="alerts.confirmation")["k"]
    return Alert.objects.get(key=key)


@pytest.fixture
def confirmed_alert(db):
    """An alert confirmed eight days ago on mobility in Isère: its first weekly
    digest is due."""

    def make(query="thematique=mobilite&territoire=departement-38", **fields):
        eight_days_ago = timezone.now() - datetime.timedelta(days=8)
        fields = {
            "email": "elue@example.org",
            "description": "Mobilité — Isère (38)",
            "frequency": Alert.Frequency.WEEKLY,
            "confirmed_at": eight_days_ago,
            "covered_until": eight_days_ago,
            "next_digest_at": eight_days_ago + datetime.timedelta(days=7),
            **fields,
        }
        return Alert.objects.create(query=query, **fields)

    return make
