import socket

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils.text import slugify

from moderation.models import MODERATORS_GROUP
from sources.models import Source, SourceListing


@pytest.fixture
def make_source(db):
    """make_source("Fondation MACIF", actor=actor, website="https://…")"""

    def make(name, **fields):
        fields.setdefault("slug", slugify(name))
        fields.setdefault("format", Source.Format.CIS_CSV)
        return Source.objects.create(name=name, **fields)

    return make


@pytest.fixture
def list_in(db):
    """list_in(source, initiative, "4512", page_url=…): the source lists the initiative."""

    def make(source, initiative, identifier=None, **fields):
        identifier = identifier or initiative.slug
        return SourceListing.objects.create(
            source=source, initiative=initiative, identifier=identifier, **fields
        )

    return make


@pytest.fixture
def moderator_client(moderator):
    """The moderator, in the "Modérateurs" group, in her own browser."""
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    browser = Client()
    browser.force_login(moderator)
    return browser


@pytest.fixture
def connections(monkeypatch):
    """Every address a connection was opened to."""
    opened = []
    real = socket.create_connection

    def recording(address, *args, **kwargs):
        opened.append(address[0])
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", recording)
    return opened
