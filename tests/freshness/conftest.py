import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from moderation.models import MODERATORS_GROUP

# Published on this day: its first "Toujours d'actualité ?" is due a year later.
PUBLISHED = datetime.datetime(2025, 1, 10, 9, 0, tzinfo=datetime.UTC)


def day(year, month, date, hour=9):
    return datetime.datetime(year, month, date, hour, 0, tzinfo=datetime.UTC)


@pytest.fixture
def fiche(make_initiative, holder):
    """Marie's fiche, published on PUBLISHED, with a private contact too."""
    initiative = make_initiative(
        "Cantine solidaire",
        published_at=PUBLISHED,
        contact_email="contact@prive.cantine.example",
    )
    initiative.holders.add(holder)
    return initiative


@pytest.fixture
def due_fiche(fiche):
    """The same, published more than a year before today: due its first email now."""
    fiche.published_at = timezone.now() - datetime.timedelta(days=400)
    fiche.save(update_fields=["published_at"])
    return fiche


@pytest.fixture
def moderator_client(moderator):
    """The moderator, in the "Modérateurs" group, in her own browser."""
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    browser = Client()
    browser.force_login(moderator)
    return browser
