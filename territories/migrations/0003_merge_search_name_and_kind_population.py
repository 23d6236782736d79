from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("territories", "0002_search_name_with_trigram_index"),
        ("territories", "0002_territory_kind_population_index"),
    ]

    operations = []
