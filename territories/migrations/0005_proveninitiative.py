# The proven initiatives (territories.models.ProvenInitiative), kept by
# PostgreSQL as the tallies are (0004_tally): after each statement writing
# initiatives, the rows it wrote are copied again if they are proven, from
# their row and their sites (the search index updates the row at every change
# of its sites).

import django.contrib.gis.db.models.fields
import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.deletion
from django.db import migrations, models

# As territories/dashboard/essaimage.py describes them: published, at the
# consolidation or essaimage stage, on several sites or acting on several
# territories.
PROVEN = """
    status = 'published' AND stage IN ('consolidation', 'essaimage')
    AND (cardinality(action_ids) >= 2 OR EXISTS (
        SELECT 1 FROM initiatives_site s WHERE s.initiative_id = rows.id OFFSET 1))
"""
# Those that may have been proven: the others are not copied.
MAYBE_PROVEN = "status = 'published' AND stage IN ('consolidation', 'essaimage')"


def copy_sql(rows):
    return f"""
    INSERT INTO territories_proveninitiative (initiative_id, point, theme_ids, area_ids)
    SELECT id, point, theme_ids, area_ids FROM {rows} AS rows WHERE {PROVEN}
    """


TRIGGER_SQL = f"""
CREATE FUNCTION territories_keep_proven() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM territories_proveninitiative
        WHERE initiative_id IN (SELECT id FROM old_rows WHERE {MAYBE_PROVEN});
    END IF;
    IF TG_OP <> 'DELETE' THEN
        {copy_sql("new_rows")};
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER initiative_proven_insert AFTER INSERT ON initiatives_initiative
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION territories_keep_proven();
CREATE TRIGGER initiative_proven_update AFTER UPDATE ON initiatives_initiative
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION territories_keep_proven();
CREATE TRIGGER initiative_proven_delete AFTER DELETE ON initiatives_initiative
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION territories_keep_proven();
"""

DROP_SQL = """
DROP TRIGGER initiative_proven_insert ON initiatives_initiative;
DROP TRIGGER initiative_proven_update ON initiatives_initiative;
DROP TRIGGER initiative_proven_delete ON initiatives_initiative;
DROP FUNCTION territories_keep_proven();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0009_fill_labels_and_credentials"),
        ("territories", "0004_tally"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProvenInitiative",
            fields=[
                (
                    "initiative",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="initiatives.initiative",
                        verbose_name="initiative",
                    ),
                ),
                (
                    "point",
                    django.contrib.gis.db.models.fields.PointField(
                        blank=True, null=True, spatial_index=False, srid=4326, verbose_name="point"
                    ),
                ),
                (
                    "theme_ids",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(),
                        blank=True,
                        default=list,
                        size=None,
                        verbose_name="thématiques",
                    ),
                ),
                (
                    "area_ids",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(),
                        blank=True,
                        default=list,
                        size=None,
                        verbose_name="territoires",
                    ),
                ),
            ],
            options={
                "verbose_name": "initiative éprouvée",
                "verbose_name_plural": "initiatives éprouvées",
                "indexes": [
                    django.contrib.postgres.indexes.GistIndex(
                        fields=["point"], name="proven_initiative_point"
                    )
                ],
            },
        ),
        migrations.RunSQL(TRIGGER_SQL, DROP_SQL),
        migrations.RunSQL(copy_sql("initiatives_initiative"), migrations.RunSQL.noop),
    ]
