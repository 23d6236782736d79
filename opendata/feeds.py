"""Atom feeds of the directory: /donnees/initiatives.atom takes the parameters
of /initiatives/ and gives the newest initiatives of that search.

A feed follows what is new, whatever the list is sorted by: it always searches
with `tri=recent` (the newest published first; within a territory, those based
there before those acting there from a wider scale, as the list does), and
ignores `page`. It calls the directory's one search, so it lists the first
initiatives of the list sorted by "les plus récentes".
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from initiatives import directory
from initiatives.models import Initiative

FEED_ENTRIES = 50
# What an entry reads besides its card.
DATES = ("published_at", "updated_at")
# A feed's title names the place searched first.
PLACES = ("territoire", "pres_de")

# Sorts a feed ignores: it always lists the newest.
FEED_IGNORED = ("tri", "page")


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
    """ "Nouvelles initiatives — Isère, Mobilité", or of the whole directory."""
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
            return super().__call__(request, *args, **kwargs)
        except InvalidFilters as error:
            return bad_filters(error.errors)

    def get_object(self, request):
        found = newest(request.GET, FEED_ENTRIES)
        if found.filter.errors:
            raise InvalidFilters(found.filter.errors)
        # The dates of the initiatives listed, which cards do not read.
        slugs = [card.slug for card in found.cards]
        dates = Initiative.objects.published().filter(slug__in=slugs)
        found.dates = {row[0]: row[1:] for row in dates.values_list("slug", *DATES)}
        return found

    def title(self, found):
        return feed_title(found.filter)

    def subtitle(self, found):
        return _(
            "Les %(count)s dernières initiatives publiées sur %(site)s pour cette recherche."
        ) % {
            "count": FEED_ENTRIES,
            "site": settings.SITE_NAME,
        }

    def link(self, found):
        query = feed_query(found.filter)
        return settings.SITE_URL + reverse("initiatives:list") + (f"?{query}" if query else "")

    def items(self, found):
        return [(card, *found.dates.get(card.slug, (None, None))) for card in found.cards]

    def item_title(self, item):
        return item[0].name

    def item_description(self, item):
        return item[0].summary

    def item_link(self, item):
        return settings.SITE_URL + item[0].url

    def item_pubdate(self, item):
        return item[1]

    def item_updateddate(self, item):
        return item[2]

    def item_categories(self, item):
        return [theme.name for theme in item[0].tags]


def bad_filters(errors):
    """A 400 naming the wrong parameters, in French."""
    fields = {name: [str(message) for message in messages] for name, messages in errors.items()}
    message = _("Paramètres invalides : %(names)s.") % {"names": ", ".join(fields)}
    return JsonResponse(
        {"erreur": message, "champs": fields},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )
