import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from moderation.models import MODERATORS_GROUP

pytestmark = pytest.mark.django_db


def test_the_moderators_group_has_only_what_moderation_needs():
    codenames = set(
        Group.objects.get(name=MODERATORS_GROUP).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )

    assert ("initiatives", "change_initiative") in codenames
    assert ("initiatives", "change_site") in codenames  # the sites inline
    assert ("initiatives", "change_label") in codenames  # rewording a label
    assert ("initiatives", "delete_label") not in codenames
    assert ("moderation", "view_revision") in codenames
    assert ("outbox", "view_email") in codenames
    assert ("initiatives", "delete_initiative") not in codenames
    assert not {app for app, _codename in codenames} & {"auth", "accounts", "contacts"}
    assert ("territories", "change_territory") not in codenames


def test_a_moderator_sees_every_queue_but_not_the_accounts(moderator_client):
    for url in (
        "/admin/moderation/submission/",
        "/admin/moderation/revision/",
        "/admin/moderation/claim/",
        "/admin/moderation/report/",
        "/admin/moderation/action/",
        "/admin/initiatives/initiative/",
        "/admin/outbox/email/",
    ):
        assert moderator_client.get(url).status_code == 200, url
    assert moderator_client.get("/admin/auth/user/").status_code == 403


def test_add_moderator_makes_an_account_a_moderator_and_back(holder, capsys):
    call_command("add_moderator", "MARIE@example.org")
    holder.refresh_from_db()
    assert holder.is_staff and not holder.is_superuser
    assert holder.has_perm("initiatives.change_initiative")
    assert "marie@example.org est modérateur." in capsys.readouterr().out

    call_command("add_moderator", "marie@example.org", "--remove")
    holder = User.objects.get(pk=holder.pk)
    assert not holder.is_staff and not holder.has_perm("initiatives.change_initiative")
