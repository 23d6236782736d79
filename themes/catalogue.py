"""The whole taxonomy, read once per process and kept a few minutes.

Every directory page needs every theme and public (facets, result cards,
filters). The tables are small and change only through the admin: a change
made in this process is seen at once, one made in another process within
`CATALOGUE_SECONDS`.
"""

import time

from themes.models import Public, Theme

CATALOGUE_SECONDS = 300


class Catalogue:
    """Themes and publics in taxonomy order, and by id and slug."""

    def __init__(self, themes, publics):
        self.themes = tuple(themes)
        self.publics = tuple(publics)
        self.themes_by_id = {theme.pk: theme for theme in self.themes}
        self.themes_by_slug = {theme.slug: theme for theme in self.themes}
        self.publics_by_id = {public.pk: public for public in self.publics}
        self.publics_by_slug = {public.slug: public for public in self.publics}

    def tags(self, theme_ids):
        """The themes an initiative is tagged with, from its `theme_ids` (which
        also holds the domaines of its thématiques): thématiques first, in
        taxonomy order, then domaines tagged without any of their thématiques."""
        themes = [self.themes_by_id[pk] for pk in theme_ids if pk in self.themes_by_id]
        parents = {theme.parent_id for theme in themes}
        subthemes = [theme for theme in themes if theme.parent_id is not None]
        domains = [theme for theme in themes if theme.parent_id is None and theme.pk not in parents]
        return sorted(subthemes, key=_order) + sorted(domains, key=_order)


def _order(theme):
    return (theme.position, theme.name)


_cached = {"catalogue": None, "expires": 0.0}


def catalogue():
    """The taxonomy as this process last read it, at most `CATALOGUE_SECONDS` ago."""
    now = time.monotonic()
    if _cached["catalogue"] is None or now >= _cached["expires"]:
        _cached["catalogue"] = Catalogue(Theme.objects.all(), Public.objects.all())
        _cached["expires"] = now + CATALOGUE_SECONDS
    return _cached["catalogue"]


def forget_catalogue(**kwargs):
    """Read the taxonomy again on next use (a signal receiver)."""
    _cached["catalogue"] = None
