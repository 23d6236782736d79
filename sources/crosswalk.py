"""Applying a source's tag crosswalk: its own tags and codes → our thématiques
and publics. Model-free, so that an importer reads the crosswalk once
(Source.crosswalk()) and applies it to every row without a query."""

from typing import NamedTuple


def normalize_tag(text, keep_case=False):
    """A tag as a source writes it, without its stray spaces (nor its case,
    unless `keep_case`): " Mobilité  inclusive" → "mobilité inclusive"."""
    text = " ".join(str(text or "").split())
    return text if keep_case else text.casefold()


class Mapping(NamedTuple):
    """What the tags of a row mean: thématiques, publics, and the tags the
    crosswalk does not map yet (as written, each once)."""

    themes: list
    publics: list
    unmapped: list


class Crosswalk:
    """A source's crosswalk from its tags (SourceTag objects, with their themes
    and publics prefetched)."""

    def __init__(self, tags):
        self.by_code = {normalize_tag(tag.code): tag for tag in tags}

    def apply(self, codes):
        themes, publics, unmapped, seen = {}, {}, [], set()
        for code in codes:
            key = normalize_tag(code)
            if not key or key in seen:
                continue
            seen.add(key)
            tag = self.by_code.get(key)
            mapped_themes = list(tag.themes.all()) if tag else []
            mapped_publics = list(tag.publics.all()) if tag else []
            themes.update((theme.pk, theme) for theme in mapped_themes)
            publics.update((public.pk, public) for public in mapped_publics)
            set_aside = tag is not None and tag.is_ignored
            if not (mapped_themes or mapped_publics or set_aside):
                unmapped.append(normalize_tag(code, keep_case=True))
        return Mapping(list(themes.values()), list(publics.values()), unmapped)
