import pytest
from django.contrib.auth.models import Group
from django.test import Client

from alerts.models import Alert
from moderation.models import MODERATORS_GROUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(moderator):
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    browser = Client()
    browser.force_login(moderator)
    return browser


def test_moderators_list_alerts_by_what_they_follow_without_their_addresses(
    moderator_client, confirmed_alert
):
    confirmed_alert()
    confirmed_alert("thematique=climat", email="autre@example.org", description="Climat")

    response = moderator_client.get("/admin/alerts/alert/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Mobilité — Isère (38)" in html and "Climat" in html
    assert "elue@example.org" not in html and "autre@example.org" not in html


def test_moderators_find_an_alert_by_its_description_or_its_whole_address(
    moderator_client, confirmed_alert
):
    alert = confirmed_alert()
    confirmed_alert("thematique=climat", email="autre@example.org", description="Climat")

    by_words = moderator_client.get("/admin/alerts/alert/", {"q": "Isère"}).content.decode()
    by_address = moderator_client.get("/admin/alerts/alert/", {"q": "elue@example.org"})
    by_part = moderator_client.get("/admin/alerts/alert/", {"q": "elue"}).content.decode()

    assert "Mobilité — Isère (38)" in by_words and ">Climat<" not in by_words
    assert "Mobilité — Isère (38)" in by_address.content.decode()
    assert "Mobilité — Isère (38)" not in by_part, "a part of an address finds nothing"
    page = moderator_client.get(f"/admin/alerts/alert/{alert.pk}/change/").content.decode()
    assert "elue@example.org" in page


def test_moderators_delete_an_abusive_alert(moderator_client, confirmed_alert):
    alert = confirmed_alert()

    moderator_client.post(f"/admin/alerts/alert/{alert.pk}/delete/", {"post": "yes"})

    assert not Alert.objects.exists()
