"""The "Modérateurs" group: exactly what moderation needs, nothing more."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Modérateurs"

PERMISSIONS = {
    "initiatives": [
        "view_initiative",
        "change_initiative",
        # The inlines of the initiative's page.
        "view_initiativeactor",
        "add_initiativeactor",
        "change_initiativeactor",
        "delete_initiativeactor",
        "view_award",
        "add_award",
        "change_award",
        "delete_award",
        "view_indicator",
        "add_indicator",
        "change_indicator",
        "delete_indicator",
    ],
    "actors": ["view_actor", "change_actor", "view_programme", "change_programme"],
    "territories": ["view_territory"],
    "themes": ["view_theme", "view_public"],
    "moderation": [
        "view_submission",
        "view_revision",
        "view_claim",
        "view_report",
        "view_action",
    ],
    "outbox": ["view_email"],
}


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    for app_label, codenames in PERMISSIONS.items():
        permissions = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        assert permissions.count() == len(codenames), (app_label, codenames)
        group.permissions.add(*permissions)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("moderation", "0002_submission_queue"),
        ("initiatives", "0003_submission_fields"),
        ("actors", "0001_initial"),
        ("territories", "0001_initial"),
        ("themes", "0001_initial"),
        ("outbox", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
