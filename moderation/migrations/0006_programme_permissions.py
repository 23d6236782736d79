"""Moderators create, edit and remove programmes and their calls in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Modérateurs"
CODENAMES = [
    "view_programme",
    "add_programme",
    "change_programme",
    "delete_programme",
    "view_call",
    "add_call",
    "change_call",
    "delete_call",
]


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="actors", codename__in=CODENAMES)


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; these are needed now.
    app_config = apps.get_app_config("actors")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    permissions = _permissions(apps)
    assert permissions.count() == len(CODENAMES), CODENAMES
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        # view_programme and change_programme were the group's before (0003).
        kept = {"view_programme", "change_programme"}
        group.permissions.remove(*_permissions(apps).exclude(codename__in=kept))


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0005_site_permissions"),
        ("actors", "0005_programme_run_by_actors"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
