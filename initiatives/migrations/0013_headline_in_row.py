from django.db import migrations

# The headline (name and summary, with weights) is read for every match that
# a search ranks, and tested again by the scan of its index (a prefix match
# asks for it): stored out of line, each read cost three blocks of the TOAST
# table beside the row's own (8,500 blocks instead of 550 for 2,000 rows).
# Kept in its row, as the search document is (0008_search_document_in_row).
IN_ROW_SQL = "ALTER TABLE initiatives_initiative ALTER COLUMN headline SET STORAGE MAIN"
OUT_OF_ROW_SQL = "ALTER TABLE initiatives_initiative ALTER COLUMN headline SET STORAGE EXTENDED"

# Rows keep a value stored out of line until it changes: each headline is
# written again (a new value, equal to the old one) to come back in its row.
REWRITE_SQL = (
    "UPDATE initiatives_initiative SET headline = headline || ''::tsvector"
    " WHERE headline IS NOT NULL"
)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0012_filter_indexes_cover_every_status"),
    ]

    operations = [
        migrations.RunSQL(IN_ROW_SQL, OUT_OF_ROW_SQL),
        migrations.RunSQL(REWRITE_SQL, migrations.RunSQL.noop),
    ]
