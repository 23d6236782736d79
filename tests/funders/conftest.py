import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from actors.models import Actor
from funders.models import Membership
from moderation.models import MODERATORS_GROUP


@pytest.fixture
def moderator_client(moderator):
    """The moderator, in the "Modérateurs" group, in her own browser."""
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    browser = Client()
    browser.force_login(moderator)
    return browser


@pytest.fixture
def funder(make_actor):
    return make_actor(
        "Banque des Territoires",
        kind=Actor.Kind.BANK,
        contact_email="prive.bdt@example.org",
        description="Oriente, relie, investit.",
    )


@pytest.fixture
def other_funder(make_actor):
    return make_actor("Fondation MACIF", kind=Actor.Kind.FOUNDATION, description="Mécène.")


@pytest.fixture
def lucie(db):
    """Lucie works for the Banque des Territoires."""
    return User.objects.create_user(
        "lucie@example.org", "lucie@example.org", "un mot de passe solide"
    )


@pytest.fixture
def manager(lucie, funder):
    """Lucie, once a moderator let her manage the funder's page."""
    Membership.objects.create(actor=funder, user=lucie, role="Chargée de mission")
    return lucie


@pytest.fixture
def lucie_client(manager):
    browser = Client()
    browser.force_login(manager)
    return browser
