"""Each programme is now run by a list of actors and addressed by a slug: its
former single actor becomes the first of that list."""

from django.db import migrations
from django.utils.text import slugify


def unique_slug(name, taken):
    base = slugify(name)[:190] or "programme"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def forwards(apps, schema_editor):
    Programme = apps.get_model("actors", "Programme")
    taken = set()
    for programme in Programme.objects.order_by("pk"):
        programme.actors.add(programme.actor_id)
        programme.slug = unique_slug(programme.name, taken)
        programme.summary = programme.summary or programme.description[:300]
        programme.save(update_fields=["slug", "summary"])


def backwards(apps, schema_editor):
    Programme = apps.get_model("actors", "Programme")
    for programme in Programme.objects.order_by("pk"):
        first = programme.actors.order_by("pk").first()
        if first is None:
            programme.delete()
        else:
            programme.actor = first
            programme.save(update_fields=["actor"])


class Migration(migrations.Migration):
    dependencies = [("actors", "0003_programme_details")]

    operations = [migrations.RunPython(forwards, backwards)]
