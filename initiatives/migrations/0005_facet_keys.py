import django.contrib.postgres.fields
from django.db import migrations, models

# initiatives/facet_keys.py as it was when this migration was written.
FILL_FACET_KEYS = """
UPDATE initiatives_initiative i SET facet_keys = ARRAY(
    SELECT key FROM (
        SELECT 1099511627776 + unnest(i.theme_ids) AS key
        UNION ALL SELECT 2199023255552 + unnest(i.public_ids)
        UNION ALL SELECT 3298534883328 + unnest(i.actor_ids)
        UNION ALL SELECT 4398046511104 + t.id FROM territories_territory t
            WHERE t.id = ANY(i.area_ids) AND t.kind = 'region'
        UNION ALL SELECT 5497558138880 + array_position(ARRAY['ideation', 'experimentation',
            'consolidation', 'essaimage']::text[], i.stage::text)
        UNION ALL SELECT 6597069766656 + array_position(ARRAY['association', 'cooperative',
            'entreprise-sociale', 'collectif', 'collectivite', 'fondation', 'entreprise',
            'etablissement-public']::text[], i.structure_type::text)
    ) keys WHERE key IS NOT NULL ORDER BY key
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0004_national_and_map_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="facet_keys",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(), default=list, editable=False, size=None
            ),
        ),
        migrations.RunSQL(FILL_FACET_KEYS, migrations.RunSQL.noop),
    ]
