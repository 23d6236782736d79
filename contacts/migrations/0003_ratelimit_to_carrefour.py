"""The rate-limit counters serve every form now: their model moves to carrefour
(carrefour/migrations/0003_ratelimit_from_contacts.py). Only Django's idea of
the model moves; the table, its rows and its indexes stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("contacts", "0002_used_form_token")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RateLimit")],
            database_operations=[],
        ),
    ]
