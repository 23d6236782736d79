"""The whole taxonomy, read once per process and kept until it changes.

Every directory page needs every theme and public (facets, result cards,
filters). The tables are small and rarely change: each write to them gives the
taxonomy a new version token in the shared cache (themes/models.py), and a
worker reads the tables again when the token differs from the one it read
them under, so every worker agrees from its next request.
"""

from carrefour import versions
from themes.models import Public, Theme


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


_cached = {"catalogue": None, "version": None}


def catalogue():
    """The taxonomy, as this process read it under the current version token."""
    version = versions.current("taxonomy")
    if _cached["catalogue"] is None or _cached["version"] != version:
        _cached["catalogue"] = Catalogue(Theme.objects.all(), Public.objects.all())
        _cached["version"] = version
    return _cached["catalogue"]


def forget_catalogue():
    """Read the taxonomy again on next use, whatever the token: this process
    only (tests use it to count the queries of a process that never read it)."""
    _cached["catalogue"] = None
