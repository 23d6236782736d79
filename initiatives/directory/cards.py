"""Result cards: what a list shows of each initiative, as plain values for
templates/includes/cards.html.

A page shows twenty cards: they are read as plain values (a few columns, not
models with their heavy columns) and their theme tags come from the cached
taxonomy. What says a card's initiative is serious (its awards, the partners
listing it) is a column its search index keeps (Initiative.credentials).
"""

import datetime
import functools
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from carrefour.numbers import thousands
from initiatives.labels import award_title
from themes.catalogue import catalogue
from themes.models import theme_url


@dataclass(frozen=True)
class Card:
    name: str
    slug: str
    url: str
    summary: str
    place: str
    distance: str
    is_national: bool
    acts_wider: bool
    is_fictitious: bool
    tags: list
    # The tags as the card's list items: <li><a href="…">name</a></li>.
    tag_links: str
    # Freshness: the day of its last verification (None: never), "à vérifier".
    verified_on: datetime.date | None = None
    to_verify: bool = False
    awards: list = ()
    more_awards: int = 0
    sources: list = ()


# What names an initiative in a list, as lookups from an initiative: a card
# shows it, and so does the map (directory/maps.py reads them in its statement).
LINK_FIELDS = ("name", "slug", "commune__name", "theme_ids")

# What a card reads: neither the search document nor the commune's outline,
# the two heavy columns. The list reads them through the ORM (cards()) or in
# its results statement (CARD_JSON_SQL), by these names either way.
CARD_FIELDS = (
    *LINK_FIELDS,
    "summary",
    "is_national",
    "is_fictitious",
    "area_ids",
    # Its freshness (freshness/).
    "verified_at",
    "to_verify_since",
    "credentials",
)
# Awards named on a card; the others are counted ("+ 2").
CARD_AWARDS = 2


def _sql_column(lookup):
    """A card field as a column of the statement that reads an initiative `i`
    and its commune `commune`."""
    relation, _sep, name = lookup.rpartition("__")
    return f"{relation or 'i'}.{name}"


# A card's fields as one JSON object, for statements written in SQL.
CARD_JSON_SQL = (
    "json_build_object(" + ", ".join(f"'{name}', {_sql_column(name)}" for name in CARD_FIELDS) + ")"
)


def cards(queryset, territory=None, positions=None):
    """The cards of the initiatives of `queryset`, in its order, or in that of
    `positions` ({id: position})."""
    rows = list(queryset.values("id", *CARD_FIELDS))
    if positions is not None:
        rows.sort(key=lambda row: positions[row["id"]])
    return [card(row, territory) for row in rows]


def card(row, territory=None, distance=None, around=False):
    """The card of an initiative from its CARD_FIELDS in `row`, `distance`
    metres away from the place searched `around` (if any).

    Within `territory`, or around a place without a distance (no site within
    the radius), a card says that its initiative acts there from a wider
    scale, as territory pages do.
    """
    credentials = row["credentials"] or {}
    tags = catalogue().tags(row["theme_ids"])
    awards = [award_title(name, year) for name, year in credentials.get("awards", [])]
    return Card(
        name=row["name"],
        slug=row["slug"],
        url=fiche_url(row["slug"]),
        summary=row["summary"],
        place=row["commune__name"] or "",
        distance=distance_label(distance),
        is_national=row["is_national"],
        acts_wider=(territory is not None and territory.pk not in row["area_ids"])
        or (around and distance is None),
        is_fictitious=row["is_fictitious"],
        tags=tags,
        tag_links=mark_safe("".join(tag_link(theme) for theme in tags)),
        verified_on=local_day(row.get("verified_at")),
        to_verify=row.get("to_verify_since") is not None,
        awards=awards[:CARD_AWARDS],
        more_awards=max(0, len(awards) - CARD_AWARDS),
        sources=credentials.get("sources", []),
    )


def tag_link(theme):
    """A theme tag as a card lists it, a link to the theme in the page's language.

    A page of twenty cards shows fifty tags or so: built once per theme and
    language, each costs a dictionary lookup, not two template lookups (an
    eighth of the time the list spent in its templates).
    """
    return _tag_link(get_language(), theme.slug, theme.name)


@functools.lru_cache(maxsize=1024)
def _tag_link(language, slug, name):
    return f'<li><a href="{escape(theme_url(slug))}">{escape(name)}</a></li>'


def local_day(value):
    """The local day of a moment, read by the ORM (a datetime) or in JSON (a string)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    return timezone.localtime(value).date()


def fiche_url(slug):
    """The URL of the fiche `slug`, as reverse() gives it, at a fraction of its cost."""
    return fiche_urls()(slug)


def fiche_urls():
    """fiche_url() for the many fiches of one response, the page's language read
    once: for the 2,000 points of a map, reading it each time took 10 ms."""
    prefix = _fiche_url_prefix(get_language())
    return lambda slug: prefix + slug + "/"


# One prefix per language: English addresses start with /en/.
@functools.lru_cache(maxsize=8)
def _fiche_url_prefix(language):
    marker = "fiche"
    url = reverse("initiatives:detail", args=[marker])
    assert url.endswith(f"/{marker}/"), url
    return url[: -len(marker) - 1]


def distance_label(metres):
    """A distance as a card shows it: "à 12 km", "à moins d’1 km"; "" for None."""
    if metres is None:
        return ""
    if metres < 1000:
        return _("à moins d’1 km")
    return _("à %(km)s km") % {"km": thousands(round(metres / 1000))}
