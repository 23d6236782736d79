from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0006_label_permissions"),
        ("moderation", "0006_programme_permissions"),
        ("moderation", "0006_report_open_index"),
        ("moderation", "0006_restore_and_verify_actions"),
    ]

    operations = []
