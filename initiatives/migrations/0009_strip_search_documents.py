from django.db import migrations

# The documents written before search_index.py stripped them: the same
# lexemes, without their positions and weights, which nothing read.
STRIP_SQL = (
    "UPDATE initiatives_initiative SET document = strip(document) WHERE document IS NOT NULL"
)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0008_search_document_in_row"),
    ]

    operations = [
        migrations.RunSQL(STRIP_SQL, migrations.RunSQL.noop),
    ]
