"""The "Modérateurs" group sees the queue of fiches to verify and the reminders sent
(their decisions need change_initiative, which the group has)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Modérateurs"

PERMISSIONS = ["view_staleinitiative", "view_reminder"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; these are needed now.
    app_config = apps.get_app_config("freshness")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label="freshness", codename__in=PERMISSIONS
    )
    assert permissions.count() == len(PERMISSIONS), PERMISSIONS
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="freshness", codename__in=PERMISSIONS
    )
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("freshness", "0001_reminders_and_queue"),
        ("moderation", "0003_moderators_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
