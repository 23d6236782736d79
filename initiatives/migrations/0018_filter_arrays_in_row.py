from django.db import migrations

# The arrays the filters and facets read for every row they test (territories,
# actions, themes, publics, actors, facet keys) are small, but a row whose
# search document and headline stay in it (0008, 0013) is still over the
# 2 kB PostgreSQL aims at once its texts are out of line: the arrays went out
# of line next, and each read of them cost three blocks of the TOAST table
# (8,274 blocks instead of 1,891 for the 1,922 initiatives of Isère at
# 100,000: the statement of its list took 33 ms, now 9). Kept in their row.
COLUMNS = ("area_ids", "action_ids", "theme_ids", "public_ids", "actor_ids", "facet_keys")


def storage_sql(storage):
    alter = ", ".join(f"ALTER COLUMN {column} SET STORAGE {storage}" for column in COLUMNS)
    return f"ALTER TABLE initiatives_initiative {alter}"


# Rows keep a value stored out of line until it changes: each array is
# written again (a new value, equal to the old one) to come back in its row.
REWRITE_SQL = "UPDATE initiatives_initiative SET " + ", ".join(
    f"{column} = {column} || '{{}}'::bigint[]" for column in COLUMNS
)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0017_one_spatial_index_per_point"),
    ]

    operations = [
        migrations.RunSQL(storage_sql("MAIN"), storage_sql("EXTENDED")),
        migrations.RunSQL(REWRITE_SQL, migrations.RunSQL.noop),
    ]
