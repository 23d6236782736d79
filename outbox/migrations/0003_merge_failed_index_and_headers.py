from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0002_email_failed_index"),
        ("outbox", "0002_email_headers"),
    ]

    operations = []
