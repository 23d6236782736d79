from django.db import migrations

from initiatives import search_index
from initiatives.labels import label_name, label_slug


def fill(apps, schema_editor):
    """The labels of the awards already given, and the credentials their cards
    and those listed by a partner show."""
    Award = apps.get_model("initiatives", "Award")
    Label = apps.get_model("initiatives", "Label")
    awards = list(Award.objects.all())
    for award in awards:
        slug = label_slug(award.name)
        if slug:
            award.label, _created = Label.objects.get_or_create(
                slug=slug, defaults={"name": label_name(award.name)}
            )
    Award.objects.bulk_update(awards, ["label"])
    Listing = apps.get_model("sources", "SourceListing")
    ids = {award.initiative_id for award in awards}
    ids.update(Listing.objects.values_list("initiative_id", flat=True))
    search_index.refresh(ids)


class Migration(migrations.Migration):
    # Last of the initiatives' migrations: the live search index it refreshes
    # reads the columns all the others add.
    dependencies = [
        ("actors", "0006_call_created_at"),
        ("initiatives", "0008_freshness"),
        ("initiatives", "0008_initiativeactor_year"),
        ("initiatives", "0008_labels_of_awards_and_credentials"),
        ("initiatives", "0008_proven_point_index"),
        ("initiatives", "0011_headline_index"),
        ("sources", "0003_listing_imported_values"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
