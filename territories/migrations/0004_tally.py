# The territories' tallies (territories.models.Tally), kept by PostgreSQL:
# statement-level triggers on the initiatives read the rows a statement
# inserted, changed or deleted (transition tables) and add or subtract, in one
# set-based upsert, what they count in each territory of their area_ids. A
# batch of 5,000 initiatives is one upsert, whatever wrote it (the model, a
# bulk update, a COPY, a deletion); an update that changes none of what is
# counted (a search document, a date) adds nothing.

import django.db.models.deletion
from django.db import migrations, models


# What published initiatives (a relation of stage, area_ids, theme_ids,
# actor_ids and sign, +1 or -1) count, added to the tallies. In the order of
# the primary key, so that two statements lock the rows they share in the
# same order (two transactions of several statements each may still meet in
# a deadlock, which PostgreSQL breaks); rows falling to 0 stay, read as 0.
def apply_sql(changes):
    return f"""
    INSERT INTO territories_tally (territory_id, facet, value, initiatives)
    SELECT area, f.facet, f.value, sum(c.sign)
    FROM ({changes}) c, unnest(c.area_ids) AS area,
        LATERAL (
            SELECT 'total', ''
            UNION ALL SELECT 'stage', c.stage
            UNION ALL SELECT 'theme', theme::text FROM unnest(c.theme_ids) AS theme
            UNION ALL SELECT 'actor', actor::text FROM unnest(c.actor_ids) AS actor
        ) AS f(facet, value)
    GROUP BY 1, 2, 3
    HAVING sum(c.sign) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (territory_id, facet, value)
        DO UPDATE SET initiatives = territories_tally.initiatives + excluded.initiatives
    """


def published(rows):
    """What is counted of the published initiatives among `rows`."""
    return f"SELECT stage, area_ids, theme_ids, actor_ids FROM {rows} WHERE status = 'published'"


INSERTED = f"SELECT *, 1 AS sign FROM ({published('new_rows')}) came"
DELETED = f"SELECT *, -1 AS sign FROM ({published('old_rows')}) gone"
# Only the rows whose counted values changed: EXCEPT ALL drops the others.
UPDATED = (
    f"SELECT *, -1 AS sign FROM ({published('old_rows')} EXCEPT ALL {published('new_rows')}) gone"
    f" UNION ALL"
    f" SELECT *, 1 FROM ({published('new_rows')} EXCEPT ALL {published('old_rows')}) came"
)

TRIGGER_SQL = f"""
CREATE FUNCTION territories_tally_initiatives() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {apply_sql(INSERTED)};
    ELSIF TG_OP = 'DELETE' THEN
        {apply_sql(DELETED)};
    ELSE
        {apply_sql(UPDATED)};
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER initiative_tally_insert AFTER INSERT ON initiatives_initiative
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION territories_tally_initiatives();
CREATE TRIGGER initiative_tally_update AFTER UPDATE ON initiatives_initiative
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION territories_tally_initiatives();
CREATE TRIGGER initiative_tally_delete AFTER DELETE ON initiatives_initiative
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION territories_tally_initiatives();
"""

# The initiatives already there.
FILL_SQL = apply_sql(f"SELECT *, 1 AS sign FROM ({published('initiatives_initiative')}) i")

DROP_SQL = """
DROP TRIGGER initiative_tally_insert ON initiatives_initiative;
DROP TRIGGER initiative_tally_update ON initiatives_initiative;
DROP TRIGGER initiative_tally_delete ON initiatives_initiative;
DROP FUNCTION territories_tally_initiatives();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("territories", "0003_merge_search_name_and_kind_population"),
        # Its last migration, which fills the search index the tallies read.
        ("initiatives", "0009_fill_labels_and_credentials"),
    ]

    operations = [
        migrations.CreateModel(
            name="Tally",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "territory_id",
                        "facet",
                        "value",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                (
                    "facet",
                    models.CharField(
                        choices=[
                            ("total", "toutes"),
                            ("stage", "étape"),
                            ("theme", "thématique"),
                            ("actor", "acteur"),
                        ],
                        max_length=8,
                        verbose_name="facette",
                    ),
                ),
                (
                    "value",
                    models.CharField(
                        blank=True,
                        help_text="Une étape, l’identifiant d’une thématique ou d’un acteur. Exemple : 12.",
                        max_length=40,
                        verbose_name="valeur",
                    ),
                ),
                ("initiatives", models.IntegerField(default=0, verbose_name="initiatives")),
                (
                    "territory",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="territories.territory",
                        verbose_name="territoire",
                    ),
                ),
            ],
            options={
                "verbose_name": "décompte d’un territoire",
                "verbose_name_plural": "décomptes des territoires",
            },
        ),
        migrations.RunSQL(TRIGGER_SQL, DROP_SQL),
        # Room in each page for the new versions of its rows (HOT updates,
        # without touching the index): a batch of 5,000 initiatives updates
        # some 55,000 rows, in 30-40% less time than in full pages.
        migrations.RunSQL(
            "ALTER TABLE territories_tally SET (fillfactor = 60)", migrations.RunSQL.noop
        ),
        migrations.RunSQL(FILL_SQL, migrations.RunSQL.noop),
    ]
