"""The "Modérateurs" group sees the sources and their listings, and keeps their
tag crosswalks (the inline of a source's page adds, maps and removes tags)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Modérateurs"

PERMISSIONS = [
    "view_source",
    "change_source",
    "view_sourcelisting",
    "change_sourcelisting",
    "view_sourcetag",
    "add_sourcetag",
    "change_sourcetag",
    "delete_sourcetag",
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; these are needed now.
    app_config = apps.get_app_config("sources")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label="sources", codename__in=PERMISSIONS
    )
    assert permissions.count() == len(PERMISSIONS), PERMISSIONS
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="sources", codename__in=PERMISSIONS
    )
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0001_initial"),
        ("moderation", "0003_moderators_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
