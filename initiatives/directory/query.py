"""A search of the directory from query parameters: the one entry point that
the list, the map, the territory, theme and actor pages call (and exports,
feeds, an API or a widget would call too), so that a URL means the same
everywhere.
"""

import functools
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from carrefour import kept, versions
from carrefour.querystring import QueryString
from initiatives.directory.facets import facet_sections
from initiatives.directory.results import (
    CACHED_FORMAT,
    Results,
    search_results,
    unfiltered_results,
)
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative


@dataclass
class Search:
    """What a search found: its FilterSet (the parameters, as understood), the
    result count, a page of cards and every facet."""

    filter: InitiativeFilter
    results: Results

    @property
    def count(self):
        return self.results.total

    @property
    def page(self):
        return self.results.page

    @property
    def cards(self):
        return self.results.page.object_list

    @functools.cached_property
    def facets(self):
        """The facet sections, as links that refine (or widen) this search: on
        the page searched, or on the list when the page has a filter of its own."""
        path = reverse("initiatives:list") if self.filter.links_to_list else ""
        query = QueryString(self.filter.data)
        return facet_sections(self.results, self.filter.territory, query, path)


def search(params, *, page=None, links_to_list=False, per_page=None):
    """Search the published directory with `params` (a QueryDict or a dict: the
    parameters of /initiatives/), on `page` (else `params["page"]`).

    `links_to_list`: the page searches with a filter of its own (a territory,
    theme or actor page), so its facets lead to the list. Raises Http404 for a
    page past the last one.
    """
    filterset = InitiativeFilter(
        params, queryset=Initiative.objects.published(), links_to_list=links_to_list
    )
    filterset.is_valid()
    page = page if page is not None else params.get("page")
    per_page = per_page or settings.INITIATIVES_PER_PAGE
    if not filterset.active:
        return Search(filterset, unfiltered_results(filterset.qs, page, per_page))
    results = search_results(filterset.qs, page, per_page, territory=filterset.territory)
    return Search(filterset, results)


# A territory's page lists the same first pages again and again between two
# changes of the directory; at 100,000 initiatives, a région's takes 100 ms.
CACHED_SEARCH_SECONDS = 300


def cached_search(params, *, page=None, links_to_list=False):
    """search(), its results kept in the shared cache under the directory's
    version token: a publication, an archive or an edit is seen at once."""
    filterset = InitiativeFilter(
        params, queryset=Initiative.objects.published(), links_to_list=links_to_list
    )
    filterset.is_valid()
    # In the page's language: the cards link their fiches and themes in it.
    asked = f"{filterset.query_string}|{page}|{settings.INITIATIVES_PER_PAGE}|{get_language()}"
    digest = hashlib.sha256(asked.encode()).hexdigest()[:32]
    key = f"directory-search:v1.{CACHED_FORMAT}:{digest}:{versions.current('directory')}"
    results = kept.get(key)
    if results is None:
        found = search(params, page=page, links_to_list=links_to_list)
        kept.put(key, found.results, CACHED_SEARCH_SECONDS)
        return found
    return Search(filterset, results)
