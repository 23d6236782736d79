import django.contrib.gis.db.models.fields
import django.contrib.postgres.indexes
import django.db.models.deletion
from django.db import migrations, models

# Every initiative with a place gets it as its first (main) site; its own
# columns keep the same values, now a copy of that site.
SITES_FROM_LOCATIONS_SQL = """
INSERT INTO initiatives_site (initiative_id, name, address, commune_id, point, position)
SELECT i.id, '', i.address, i.commune_id, i.point, 0
FROM initiatives_initiative i
WHERE (i.commune_id IS NOT NULL OR i.point IS NOT NULL)
  AND NOT EXISTS (SELECT FROM initiatives_site s WHERE s.initiative_id = i.id)
"""


def sites_from_locations(apps, schema_editor):
    """The place of each located initiative becomes its first site (once: an
    initiative that already has a site is left alone). Its search index is
    already right: the same commune gives the same areas and place names."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(SITES_FROM_LOCATIONS_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0006_name_index"),
        ("territories", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Site",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        blank=True,
                        help_text="Facultatif. Exemple : Plateforme de Grenoble.",
                        max_length=200,
                        verbose_name="nom du lieu",
                    ),
                ),
                (
                    "address",
                    models.CharField(
                        blank=True,
                        help_text="Exemple : 12 rue Mainssieux.",
                        max_length=300,
                        verbose_name="adresse",
                    ),
                ),
                (
                    "point",
                    django.contrib.gis.db.models.fields.PointField(
                        blank=True,
                        help_text="Sans position, le lieu est placé au centre de sa commune.",
                        null=True,
                        srid=4326,
                        verbose_name="position",
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="Le premier lieu est le lieu principal. Exemple : 0.",
                        verbose_name="ordre",
                    ),
                ),
                (
                    "commune",
                    models.ForeignKey(
                        blank=True,
                        limit_choices_to={"kind": "commune"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sites",
                        to="territories.territory",
                        verbose_name="commune",
                    ),
                ),
                (
                    "initiative",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sites",
                        to="initiatives.initiative",
                        verbose_name="initiative",
                    ),
                ),
            ],
            options={
                "verbose_name": "lieu",
                "verbose_name_plural": "lieux",
                "ordering": ["position", "id"],
                "indexes": [
                    django.contrib.postgres.indexes.GistIndex(fields=["point"], name="site_point"),
                    models.Index(fields=["initiative", "position", "id"], name="site_initiative"),
                ],
            },
        ),
        migrations.AlterField(
            model_name="initiative",
            name="address",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="Du lieu principal.",
                max_length=300,
                verbose_name="adresse",
            ),
        ),
        migrations.AlterField(
            model_name="initiative",
            name="commune",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="Du lieu principal.",
                limit_choices_to={"kind": "commune"},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="located_initiatives",
                to="territories.territory",
                verbose_name="commune",
            ),
        ),
        migrations.AlterField(
            model_name="initiative",
            name="point",
            field=django.contrib.gis.db.models.fields.PointField(
                blank=True,
                editable=False,
                help_text="Du lieu principal.",
                null=True,
                srid=4326,
                verbose_name="position",
            ),
        ),
        # Reversed, the table goes (with its rows) and the initiatives keep their place.
        migrations.RunPython(sites_from_locations, migrations.RunPython.noop, elidable=False),
    ]
