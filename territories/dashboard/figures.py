"""What exists in a territory and how it compares: the figures of its dashboard.

Every figure counts the published initiatives located or acting in the
territory or inside it (`area_ids`, as the search index fills it); those acting
only on a wider territory or on all of France are in the list, not in the
figures, or every territory would count them alike.

The comparable territories are those of the same kind whose population is
between half and twice its own (POPULATION_FACTOR), within its département
(a commune or an EPCI), its région (a département) or France (a région); when
the narrowest of those scopes holds fewer than MIN_PEERS of them, the next one
is used (France: however many there are). Their rate is pooled: the
initiatives of all of them (each counted in each of them where it is) over the
inhabitants of all of them, so that a small commune with one initiative does
not weigh as much as a town.

Everything is read in one SQL statement, whatever the number of themes,
stages or comparable territories, from the territories' tallies
(territories.models.Tally) rather than from their initiatives.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from initiatives.choices import Stage

PER = 10_000
POPULATION_FACTOR = 2
MIN_PEERS = 5
# A thématique counts as "well covered elsewhere" from this many initiatives
# among the comparable territories, and as weak here below this share of their rate.
MIN_INITIATIVES_ELSEWHERE = 2
WEAK_SHARE = 0.5
MAX_GAPS = 6

# The kinds of territory, as a plural for "the comparable …".
KIND_PLURALS = {
    "commune": pgettext_lazy("comparables", "communes"),
    "epci": pgettext_lazy("comparables", "intercommunalités"),
    "departement": pgettext_lazy("comparables", "départements"),
    "region": pgettext_lazy("comparables", "régions"),
}

# Rows of (kind, key, number, extra); one statement for every figure, which
# reads the tallies (territories.models.Tally) of the territory and of its
# comparables: as many rows as they have thématiques, whatever they hold.
FIGURES_SQL = """
WITH candidates AS MATERIALIZED (
    SELECT id, population, ancestor_ids FROM territories_territory
    WHERE kind = %(kind)s AND id <> %(territory)s
        AND population BETWEEN %(low)s AND %(high)s
),
scope AS (
    SELECT scopes.id FROM unnest(%(scopes)s::bigint[]) WITH ORDINALITY AS scopes(id, rank)
    WHERE (
        SELECT count(*) FROM candidates c
        WHERE scopes.id = 0 OR c.ancestor_ids @> ARRAY[scopes.id]
    ) >= CASE WHEN scopes.id = 0 THEN 1 ELSE %(min_peers)s END
    ORDER BY scopes.rank LIMIT 1
),
peers AS MATERIALIZED (
    SELECT c.id, c.population FROM candidates c JOIN scope
        ON scope.id = 0 OR c.ancestor_ids @> ARRAY[scope.id]
)
SELECT t.facet, t.value, t.initiatives, 0 FROM territories_tally t
WHERE t.territory_id = %(territory)s AND t.facet IN ('total', 'stage', 'theme')
    AND t.initiatives > 0
UNION ALL
SELECT 'scope', id::text, 0, 0 FROM scope
UNION ALL
SELECT 'peers', '', count(*), coalesce(sum(population), 0) FROM peers
UNION ALL
-- Each initiative weighs as many comparables as it is in: the sum of theirs.
SELECT CASE t.facet WHEN 'total' THEN 'there' ELSE 'there-theme' END, t.value,
    sum(t.initiatives)::bigint, 0
FROM territories_tally t JOIN peers p ON t.territory_id = p.id
WHERE t.facet IN ('total', 'theme') AND t.initiatives > 0
GROUP BY t.facet, t.value
"""


def rate(count, population):
    """Initiatives per 10,000 inhabitants, or None without a population."""
    if not population:
        return None
    return count * PER / population


def decimal(value):
    """A rate as French writes it: 3.14 → "3,1"; below 1, two significant
    digits (a city's 0.077 is not 0,1); "0" for none, "—" without a population."""
    if value is None:
        return "—"
    if value == 0:
        return "0"
    text = f"{value:.2g}" if value < 0.95 else f"{value:.1f}"
    return text.replace(".", ",")


def population_band(population):
    """The populations comparable to `population`: (low, high), both included."""
    return population // POPULATION_FACTOR, population * POPULATION_FACTOR


@dataclass(frozen=True)
class Comparables:
    """The territories the figures are compared with."""

    kind: str
    scope: object  # the Territory they are in, or None for all of France
    low: int
    high: int
    count: int
    population: int
    total: int

    @property
    def kind_plural(self):
        return KIND_PLURALS[self.kind]

    @property
    def rate(self):
        return rate(self.total, self.population)

    @property
    def rate_text(self):
        return decimal(self.rate)

    @property
    def scope_name(self):
        return self.scope.name if self.scope is not None else _("France")

    @property
    def label(self):
        """ "les communes comparables (Isère)", inside a sentence."""
        return _("les %(kinds)s comparables (%(scope)s)") % {
            "kinds": self.kind_plural,
            "scope": self.scope_name,
        }


@dataclass
class ThemeFigure:
    """A thématique (or a domaine and its thématiques) here and in the comparables."""

    theme: object
    here: int
    here_rate: float | None
    there: int = 0
    there_rate: float | None = None
    children: list = field(default_factory=list)

    @property
    def here_rate_text(self):
        return decimal(self.here_rate)

    @property
    def there_rate_text(self):
        return decimal(self.there_rate)


@dataclass(frozen=True)
class Gap:
    """A thématique well covered in the comparable territories, absent or weak here."""

    theme: object
    here: int
    here_rate: float
    there_rate: float
    comparables: Comparables

    @property
    def is_absent(self):
        return self.here == 0

    @property
    def sentence(self):
        params = {
            "theme": lowered(self.theme.name),
            "rate": decimal(self.there_rate),
            "here": decimal(self.here_rate),
            "comparables": self.comparables.label,
        }
        if self.is_absent:
            return (
                _(
                    "Aucune initiative en %(theme)s ; %(rate)s pour 10 000 habitants "
                    "dans %(comparables)s."
                )
                % params
            )
        return (
            _(
                "Peu d’initiatives en %(theme)s : %(here)s pour 10 000 habitants, "
                "contre %(rate)s dans %(comparables)s."
            )
            % params
        )


def lowered(name):
    """ "Mobilité" → "mobilité", as inside a sentence; an acronym stays."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


@dataclass
class Figures:
    territory: object
    total: int
    rate: float | None
    stages: list
    domains: list
    comparables: Comparables | None
    gaps: list

    @property
    def rate_text(self):
        return decimal(self.rate)

    @property
    def themes(self):
        """Every thématique with an initiative here or among the comparables."""
        return [child for domain in self.domains for child in domain.children]


def scopes(territory):
    """Where comparable territories are looked for, narrowest first (0: France)."""
    wider = {
        "commune": [territory.departement_id, territory.region_id],
        "epci": [territory.departement_id, territory.region_id],
        "departement": [territory.region_id],
        "region": [],
    }[territory.kind]
    return [pk for pk in wider if pk] + [0]


def read_rows(territory):
    """The rows of FIGURES_SQL for `territory`."""
    population = territory.population or 0
    low, high = population_band(population) if population else (1, 0)
    params = {
        "territory": territory.pk,
        "kind": territory.kind,
        "low": low,
        "high": high,
        "scopes": scopes(territory),
        "min_peers": MIN_PEERS,
    }
    with connection.cursor() as cursor:
        cursor.execute(FIGURES_SQL, params)
        return cursor.fetchall()


def build_figures(territory, rows, taxonomy, scope_territories):
    """Figures from the rows of FIGURES_SQL, the taxonomy (themes/catalogue.py)
    and the territories the comparables may be in, by id."""
    here_themes, there_themes, stages = {}, {}, {}
    total = there_total = peer_count = peer_population = 0
    scope_id = None
    for kind, key, number, extra in rows:
        if kind == "total":
            total = number
        elif kind == "stage":
            stages[key] = number
        elif kind == "theme":
            here_themes[int(key)] = number
        elif kind == "there-theme":
            there_themes[int(key)] = number
        elif kind == "scope":
            scope_id = int(key)
        elif kind == "peers":
            peer_count, peer_population = number, int(extra)
        elif kind == "there":
            there_total = number
    population = territory.population
    comparables = None
    if scope_id is not None and peer_population:
        low, high = population_band(population)
        comparables = Comparables(
            kind=territory.kind,
            scope=scope_territories.get(scope_id),
            low=low,
            high=high,
            count=peer_count,
            population=peer_population,
            total=there_total,
        )

    def figure(theme):
        here = here_themes.get(theme.pk, 0)
        there = there_themes.get(theme.pk, 0)
        return ThemeFigure(
            theme=theme,
            here=here,
            here_rate=rate(here, population),
            there=there,
            there_rate=rate(there, peer_population) if comparables else None,
        )

    domains = [figure(theme) for theme in taxonomy.themes if theme.is_domain]
    by_domain = {domain.theme.pk: domain for domain in domains}
    for theme in taxonomy.themes:
        if theme.parent_id in by_domain:
            child = figure(theme)
            if child.here or child.there:
                by_domain[theme.parent_id].children.append(child)
    return Figures(
        territory=territory,
        total=total,
        rate=rate(total, population),
        stages=[(value, label, stages.get(value, 0)) for value, label in Stage.choices],
        domains=domains,
        comparables=comparables,
        gaps=gaps(domains, comparables),
    )


def gaps(domains, comparables):
    """The thématiques well covered in the comparables and absent or weak here,
    the widest gap first."""
    if comparables is None:
        return []
    found = []
    for domain in domains:
        for child in domain.children:
            if child.there < MIN_INITIATIVES_ELSEWHERE or child.here_rate is None:
                continue
            if child.here_rate < child.there_rate * WEAK_SHARE:
                found.append(
                    Gap(child.theme, child.here, child.here_rate, child.there_rate, comparables)
                )
    found.sort(key=lambda gap: (-(gap.there_rate - gap.here_rate), gap.theme.name))
    return found[:MAX_GAPS]
