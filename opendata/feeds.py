"""Atom feeds of the directory: /donnees/initiatives.atom takes the parameters
of /initiatives/ and gives the newest initiatives of that search.

A feed follows what is new, whatever the list is sorted by: it always searches
with `tri=recent` (the newest published first; within a territory, those based
there before those acting there from a wider scale, as the list does), and
ignores `page`. It calls the directory's one search, so it lists the first
initiatives of the list sorted by "les plus récentes".
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from initiatives import directory
from initiatives.models import Initiative

FEED_ENTRIES = 50
FEED_SECONDS = 300
# What an entry reads besides its card.
DATES = ("published_at", "updated_at")
# A feed's title names the place searched first.
PLACES = ("territoire", "pres_de")

# Parameters a feed ignores: it always lists the newest, from the first.
FEED_IGNORED = ("tri", "page")


@dataclass(frozen=True)
class Entry:
    """An initiative of a feed: its card and its dates."""

    card: object
    published: datetime | None
    updated: datetime | None


@dataclass(frozen=True)
class FeedContent:
    filter: object
    entries: list


class InvalidFilters(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def newest(params, count):
    """The search of `params` sorted newest first, its first `count` cards."""
    query = params.copy() if hasattr(params, "copy") else dict(params)
    for name in FEED_IGNORED:
        query.pop(name, None)
    query["tri"] = "recent"
    return directory.search(query, page=1, per_page=count)


def entries(cards):
    """The entries of `cards`, with their dates, which cards do not read (one query)."""
    found = Initiative.objects.published().filter(slug__in=[card.slug for card in cards])
    dates = {slug: rest for slug, *rest in found.values_list("slug", *DATES)}
    return [Entry(card, *dates.get(card.slug, (None, None))) for card in cards]


def filter_labels(filterset):
    """The active filters of `filterset` as French words, the place first:
    "Isère", "Mobilité"…"""
    labels = []
    places_first = sorted(filterset.active, key=lambda pair: pair[0] not in PLACES)
    for name, value in places_first:
        if name == "q":
            labels.append(f"« {value} »")
        elif name == "pres_de":
            labels.append(
                _("à moins de %(radius)s km de %(name)s")
                % {"radius": filterset.radius, "name": value.name}
            )
        elif name == "etape":
            labels.append(str(capfirst(Initiative.Stage(value).label)))
        elif name == "structure":
            labels.append(str(capfirst(Initiative.Structure(value).label)))
        else:
            labels.append(value.name)
    return labels


def feed_title(filterset):
    """The title of the feed of `filterset`: "Nouvelles initiatives — Isère, Mobilité"."""
    labels = filter_labels(filterset)
    if not labels:
        return _("Nouvelles initiatives sur %(site)s") % {"site": settings.SITE_NAME}
    return _("Nouvelles initiatives — %(filters)s") % {"filters": ", ".join(labels)}


def feed_query(filterset):
    """The query string of the feed of the search `filterset` (its filters, no sort)."""
    query = filterset.query_string
    kept = [pair for pair in query.split("&") if pair and pair.split("=")[0] not in FEED_IGNORED]
    return "&".join(kept)


class InitiativeFeed(Feed):
    """The newest initiatives of a search, in Atom."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        try:
            response = super().__call__(request, *args, **kwargs)
        except InvalidFilters as error:
            return bad_filters(error.errors)
        # Feed readers poll: a few minutes old is fine (moderation publishes a
        # few fiches a day), as for the map data.
        patch_cache_control(response, public=True, max_age=FEED_SECONDS)
        return response

    def get_object(self, request):
        found = newest(request.GET, FEED_ENTRIES)
        if found.filter.errors:
            raise InvalidFilters(found.filter.errors)
        return FeedContent(found.filter, entries(found.cards))

    def title(self, content):
        return feed_title(content.filter)

    def subtitle(self, content):
        text = _("Les %(count)s dernières initiatives publiées sur %(site)s pour cette recherche.")
        return text % {"count": FEED_ENTRIES, "site": settings.SITE_NAME}

    def link(self, content):
        query = feed_query(content.filter)
        return settings.SITE_URL + reverse("initiatives:list") + (f"?{query}" if query else "")

    def items(self, content):
        return content.entries

    def item_title(self, entry):
        return entry.card.name

    def item_description(self, entry):
        return entry.card.summary

    def item_link(self, entry):
        return settings.SITE_URL + entry.card.url

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_categories(self, entry):
        return [theme.name for theme in entry.card.tags]


def bad_filters(errors):
    """A 400 naming the wrong parameters, in French."""
    fields = {name: [str(message) for message in messages] for name, messages in errors.items()}
    message = _("Paramètres invalides : %(names)s.") % {"names": ", ".join(fields)}
    return JsonResponse(
        {"erreur": message, "champs": fields},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )
