from django.db import migrations

from themes.taxonomy import seed_taxonomy


def seed(apps, schema_editor):
    seed_taxonomy(apps.get_model("themes", "Theme"), apps.get_model("themes", "Public"))


class Migration(migrations.Migration):
    dependencies = [("themes", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
