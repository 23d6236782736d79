"""Revision now belongs to the submissions app (submissions 0001), on the same
table: only Django's picture of the models changes here, not the database.

What stays here is a proxy with the same name, the moderators' queue: its
address (/admin/moderation/revision/), its content type and its permissions
("moderation.view_revision", held by the "Modérateurs" group) are unchanged.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_moderators_group"),
        ("submissions", "0001_revision_from_moderation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="action",
                    name="revision",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="actions",
                        to="submissions.revision",
                        verbose_name="modification",
                    ),
                ),
                migrations.DeleteModel(name="Revision"),
                migrations.CreateModel(
                    name="Revision",
                    fields=[],
                    options={
                        "verbose_name": "modification proposée",
                        "verbose_name_plural": "modifications proposées",
                        "proxy": True,
                        "indexes": [],
                        "constraints": [],
                    },
                    bases=("submissions.revision",),
                ),
            ],
        ),
    ]
