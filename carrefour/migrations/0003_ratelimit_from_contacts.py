"""The rate-limit counters, moved from the contacts app: the model now names the
table `contacts_ratelimit` that contacts created (Meta.db_table), so no row is
lost and nothing is written to the database but the content type's app."""

from django.db import migrations, models


def move_content_type(apps, schema_editor):
    # Keeps the permissions given on the counters (if any) attached to them.
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="contacts", model="ratelimit").update(
        app_label="carrefour"
    )


def move_content_type_back(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="carrefour", model="ratelimit").update(
        app_label="contacts"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("carrefour", "0002_cache_table"),
        ("contacts", "0003_ratelimit_to_carrefour"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RateLimit",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("key", models.CharField(max_length=64, verbose_name="clé")),
                        ("window_start", models.DateTimeField(verbose_name="début de la période")),
                        ("count", models.PositiveIntegerField(default=0, verbose_name="nombre")),
                    ],
                    options={
                        "verbose_name": "compteur anti-abus",
                        "verbose_name_plural": "compteurs anti-abus",
                        "db_table": "contacts_ratelimit",
                        "indexes": [models.Index(fields=["window_start"], name="ratelimit_window")],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("key", "window_start"), name="ratelimit_unique_window"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
