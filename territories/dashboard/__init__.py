"""The dashboard of a territory: what exists there, what is missing compared
with comparable territories, what could be brought there and who can help.

`dashboard(territory)` is what the territory page, the comparison page and the
API read; it runs a fixed number of queries, whatever the territory holds.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from carrefour import versions
from territories.dashboard.chart import bar_chart
from territories.dashboard.essaimage import suggestions
from territories.dashboard.figures import build_figures, read_rows
from territories.dashboard.support import helpers
from themes.catalogue import catalogue

# The figures' statement reads every initiative of the comparable territories:
# kept until the directory changes (a new token), at most this long.
FIGURES_SECONDS = 600


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


def figures(territory):
    """The figures of `territory` (figures.Figures), read once per version of
    the directory and shared by every worker."""
    key = f"territory-figures:v1:{territory.pk}:{versions.current('directory')}"
    rows = cache.get(key)
    if rows is None:
        rows = read_rows(territory)
        cache.set(key, rows, FIGURES_SECONDS)
    around = {place.pk: place for place in (territory.departement, territory.region) if place}
    return build_figures(territory, rows, catalogue(), around)


def dashboard(territory):
    """Everything the dashboard of `territory` shows (its territory read with
    select_related("region", "departement"))."""
    found = figures(territory)
    missing = [gap.theme for gap in found.gaps]
    return Dashboard(
        territory=territory,
        figures=found,
        suggestions=suggestions(territory, missing, catalogue()),
        helpers=helpers(territory),
    )
