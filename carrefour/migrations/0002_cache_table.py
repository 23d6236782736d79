"""The table of the shared cache (settings.CACHES), so that `migrate` is the one
set-up step in development, tests and production."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("carrefour", "0001_search_setup")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
