from django.db import migrations

# The search document is only matched (search_index.py): stripped of its
# positions it is small enough to stay in its row, where a scan in the order
# of a sort (the newest, by name) tests it without a read of the TOAST table.
# MAIN keeps it compressed in the row; the description leaves it first.
IN_ROW_SQL = "ALTER TABLE initiatives_initiative ALTER COLUMN document SET STORAGE MAIN"
OUT_OF_ROW_SQL = "ALTER TABLE initiatives_initiative ALTER COLUMN document SET STORAGE EXTENDED"


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0007_sites"),
    ]

    operations = [
        migrations.RunSQL(IN_ROW_SQL, OUT_OF_ROW_SQL),
    ]
