"""Fixtures of the contact requests: an initiative with a private address, its holder."""

import time

import pytest
from django.contrib.auth.models import User

from contacts.forms import form_token

PRIVATE = "prive.wimoov@example.org"


@pytest.fixture(autouse=True)
def contact_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CONTACT_FORM_MIN_SECONDS = 3
    settings.CONTACT_FORM_MAX_SECONDS = 7200
    settings.CONTACT_LIMIT_CLIENT_HOUR = 10
    settings.CONTACT_LIMIT_CLIENT_DAY = 30
    settings.CONTACT_LIMIT_RECIPIENT_DAY = 30
    settings.CLIENT_IP_HEADER = ""
    settings.CLIENT_IP_TRUSTED_PROXIES = 1
    return settings


@pytest.fixture
def holder(db):
    return User.objects.create_user(
        "porteuse", "porteuse.wimoov@example.org", "un mot de passe solide"
    )


@pytest.fixture
def other_holder(db):
    return User.objects.create_user("autre", "autre.porteur@example.org", "un mot de passe solide")


@pytest.fixture
def wimoov(make_initiative, holder):
    initiative = make_initiative(
        "Wimoov",
        themes=["mobilite"],
        commune="commune-75056",
        contact_email=PRIVATE,
        stage="essaimage",
    )
    initiative.holders.add(holder)
    return initiative


def contact_data(recipient_key, **overrides):
    """A contact form as a person fills it in, shown ten seconds ago."""
    data = {
        "name": "Camille Martin",
        "email": "camille.martin@example.net",
        "organisation": "Mairie de Voiron",
        "sender_kind": "elu",
        "purpose": "essaimage",
        "territory": "Voiron (38500)",
        "territory_key": "commune-38563",
        "message": "Bonjour, nous aimerions une plateforme de mobilité à Voiron.",
        "acknowledge": "on",
        "token": form_token(recipient_key, now=time.time() - 10),
    }
    return {**data, **overrides}


@pytest.fixture
def send(client):
    """POST a contact form to an initiative: its emails are stored in the outbox."""

    def post(initiative, client=client, meta=None, **overrides):
        data = contact_data(f"initiative-{initiative.pk}", **overrides)
        return client.post(f"/initiatives/{initiative.slug}/contacter/", data, **(meta or {}))

    return post
