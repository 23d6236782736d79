"""Revision moves here from the moderation app, keeping its table and its rows.

The table moderation_revision, created by moderation 0001, stays as it is: this
migration only tells Django that this app owns it now (moderation 0004 forgets
it there and keeps a proxy, the moderators' queue, with its permissions).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("initiatives", "0003_submission_fields"),
        # The table exists, and the "Modérateurs" group has its permissions.
        ("moderation", "0003_moderators_group"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Revision",
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
                        ("data", models.JSONField(verbose_name="valeurs proposées")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "en attente"),
                                    ("approved", "approuvée"),
                                    ("rejected", "refusée"),
                                ],
                                default="pending",
                                max_length=10,
                                verbose_name="statut",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="proposée le"
                            ),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(auto_now=True, verbose_name="modifiée le"),
                        ),
                        (
                            "author",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="revisions",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="auteur",
                            ),
                        ),
                        (
                            "initiative",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="revisions",
                                to="initiatives.initiative",
                                verbose_name="initiative",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "modification proposée",
                        "verbose_name_plural": "modifications proposées",
                        "db_table": "moderation_revision",
                        "ordering": ["created_at"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("status", "pending")),
                                fields=("initiative",),
                                name="revision_one_pending_per_initiative",
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
