"""URL identifiers made from names, unique in their table."""

from django.utils.text import slugify


def unique_slug(model, text, *, exclude_pk=None, max_length=200):
    """slugify(text), followed by -2, -3… if another row already has it."""
    base = (slugify(text) or "fiche")[: max_length - 4].strip("-")
    taken = set(
        model.objects.exclude(pk=exclude_pk)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
