"""The dashboard of a territory: what exists there, what is missing compared
with comparable territories, what could be brought there and who can help.

`dashboard(territory)` is what the territory page and the API read,
`territory_figures(territory)` what the comparison page reads; a fixed number
of queries, whatever the territory holds. Their statements read the tallies of
the territory and of the comparable ones and the narrow copy of the proven
initiatives (territories.models.Tally, ProvenInitiative), not the initiatives:
what they find (the counts, and the ids of the suggestions and helpers,
ranked) is still kept in the shared cache under the directory's version token,
computed once per change of the directory (at most every CACHE_SECONDS), by
any worker; the names, awards and programmes shown are read at each request.
"""

import contextlib
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from carrefour import kept, versions
from territories.dashboard import essaimage, support
from territories.dashboard.chart import bar_chart
from territories.dashboard.figures import build_figures, read_rows
from themes.catalogue import catalogue

CACHE_SECONDS = 600


@dataclass
class Dashboard:
    territory: object
    figures: object
    suggestions: list
    helpers: list

    @property
    def domain_chart(self):
        return bar_chart(
            _("Initiatives par domaine"),
            ((domain.theme.name, domain.here) for domain in self.figures.domains),
        )

    @property
    def stage_chart(self):
        return bar_chart(
            _("Initiatives par étape"),
            ((label.capitalize(), count) for _value, label, count in self.figures.stages),
        )


@contextlib.contextmanager
def without_jit():
    """PostgreSQL compiles statements it estimates costly, which takes longer
    than running these ones (over a second at 100,000 initiatives)."""
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield
        if nested:
            # SET LOCAL lasts until the end of the outer transaction.
            cursor.execute("RESET jit")


def _cached(name, territory, compute):
    key = f"territory-{name}:v1:{territory.pk}:{versions.current('directory')}"
    found = kept.get(key)
    if found is None:
        with without_jit():
            found = compute()
        kept.put(key, found, CACHE_SECONDS)
    return found


def territory_figures(territory):
    """The figures of `territory` (figures.Figures); its parents (région,
    département) read with it."""
    rows = _cached("figures", territory, lambda: read_rows(territory))
    around = {place.pk: place for place in (territory.departement, territory.region) if place}
    return build_figures(territory, rows, catalogue(), around)


def dashboard(territory):
    """Everything the dashboard of `territory` shows (its territory read with
    its parents, the région and the département)."""
    figures = territory_figures(territory)
    missing = [gap.theme for gap in figures.gaps]

    def rank():
        return essaimage.ranked(territory, missing), support.ranked(territory)

    suggested, helping = _cached("ranking", territory, rank)
    return Dashboard(
        territory=territory,
        figures=figures,
        suggestions=essaimage.suggestions(territory, suggested, missing, catalogue()),
        helpers=support.helpers(helping),
    )
