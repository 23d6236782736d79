"""Moderators reword the labels that awards share (the `label=` facet)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Modérateurs"
CODENAMES = ["view_label", "change_label"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; this one needs them now.
    app_config = apps.get_app_config("initiatives")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label="initiatives", codename__in=CODENAMES
    )
    assert permissions.count() == len(CODENAMES), CODENAMES
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="initiatives", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0005_site_permissions"),
        ("initiatives", "0008_labels_of_awards_and_credentials"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
