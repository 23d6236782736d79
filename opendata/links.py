"""Absolute addresses of the directory's public pages and files, as exports
give them (an export is read away from the site)."""

from django.conf import settings

from initiatives.directory.cards import fiche_url


def absolute(path):
    return settings.SITE_URL + path


def fiche(initiative):
    return absolute(fiche_url(initiative.slug))


def image(initiative):
    return absolute(initiative.image.url) if initiative.image else ""


def carrier(initiative):
    """Its carrying structure when it is published (an unpublished actor is private), or None."""
    actor = initiative.carrier
    return actor if actor is not None and actor.is_published else None
