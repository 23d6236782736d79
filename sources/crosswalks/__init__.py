"""Default tag crosswalks: a partner format's codes → our thématiques and publics.

A source's own crosswalk (edited by moderators) starts from its format's
default and is applied at every import."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """What one tag of a source means in our taxonomy (slugs of
    themes.taxonomy), and why when the match is loose."""

    themes: tuple[str, ...] = ()
    publics: tuple[str, ...] = ()
    note: str = ""


def default_crosswalk(format):
    """The default crosswalk of a reader format ({tag: Target}), empty when the
    format has none (its tags are the partner's own)."""
    from . import cis

    return dict(cis.CROSSWALK) if format == "cis-csv" else {}
