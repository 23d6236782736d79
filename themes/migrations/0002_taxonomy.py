from django.db import migrations

from themes.taxonomy import DOMAINS, PUBLICS


def seed(apps, schema_editor):
    Theme = apps.get_model("themes", "Theme")
    Public = apps.get_model("themes", "Public")
    for position, (slug, name, children) in enumerate(DOMAINS):
        domain, _ = Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "position": position, "parent": None}
        )
        for child_position, (code, child_slug, child_name) in enumerate(children):
            Theme.objects.update_or_create(
                slug=child_slug,
                defaults={
                    "name": child_name,
                    "code": code,
                    "parent": domain,
                    "position": child_position,
                },
            )
    for position, (slug, name) in enumerate(PUBLICS):
        Public.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("themes", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
