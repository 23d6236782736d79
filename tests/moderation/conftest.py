import pytest
from django.contrib.auth.models import Group
from django.test import Client

from moderation.models import MODERATORS_GROUP


@pytest.fixture
def moderator_client(moderator):
    """The moderator, in the "Modérateurs" group, in her own browser."""
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    browser = Client()
    browser.force_login(moderator)
    return browser


def decide(client, url, action, objects, **decision):
    """Choose an action on a queue, see its confirmation page, then confirm."""
    selected = [obj.pk for obj in objects]
    page = client.post(url, {"action": action, "_selected_action": selected})
    assert page.status_code == 200, page
    return client.post(
        url, {"action": action, "_selected_action": selected, "post": "yes", **decision}
    )
