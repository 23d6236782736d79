"""The territory dashboards' share of `manage.py bench`: a région's, a
département's and a city's page, and a région's figures in the API.

Served: the page as gunicorn serves it, where what the dashboard computes is
kept in the shared cache until the directory changes (the usual case: the
directory changes a few times a day). Computed: the dashboard's statements
run in this process without that cache (the first view after a change), and
the number of initiatives they counted in the territory.
"""

import http.client
import time
from dataclasses import dataclass, field

from bench.benchmark import EndpointMeasure, fetch, percentile
from territories.dashboard import essaimage, support, without_jit
from territories.dashboard.figures import build_figures, read_rows
from territories.models import Territory
from themes.catalogue import catalogue

# The target of issue 11 at 100,000 initiatives: a région's dashboard.
TARGET_P95_MS = 300


@dataclass(frozen=True)
class DashboardCase:
    label: str
    key: str
    api: bool = False

    @property
    def path(self):
        if self.api:
            return f"/api/v1/territoires/{self.key}/synthese/"
        return f"/territoires/{self.key}/"


CASES = (
    DashboardCase("région (Auvergne-Rhône-Alpes)", "region-84"),
    DashboardCase("département (Isère)", "departement-38"),
    DashboardCase("ville (Grenoble)", "commune-38185"),
    DashboardCase("région, API synthese", "region-84", api=True),
)


@dataclass
class DashboardMeasure(EndpointMeasure):
    computed: list = field(default_factory=list)
    initiatives: int = 0

    @property
    def met(self):
        return bool(self.seconds) and not self.errors and self.p(0.95) < TARGET_P95_MS


def compute(measures, rounds):
    """Time the dashboard's statements without the shared cache, in this process."""
    for measure in measures:
        territory = (
            Territory.objects.select_related("region", "departement")
            .defer("geometry", "region__geometry", "departement__geometry")
            .by_key(measure.case.key)
        )
        for _round in range(rounds):
            start = time.perf_counter()
            with without_jit():
                figures = build_figures(territory, read_rows(territory), catalogue(), {})
                essaimage.ranked(territory, [gap.theme for gap in figures.gaps])
                support.ranked(territory)
            measure.computed.append(time.perf_counter() - start)
        measure.initiatives = figures.total


def serve(port, measures, rounds, warmup):
    """Request each page `rounds` times after `warmup` rounds (which fill the cache)."""
    for round_number in range(warmup + rounds):
        for measure in measures:
            try:
                status, body, seconds = fetch(port, measure.case.path)
            except (OSError, http.client.HTTPException):
                status, body, seconds = None, b"", 0.0
            if round_number < warmup:
                continue
            if status != 200:
                measure.errors += 1
                continue
            measure.seconds.append(seconds)
            measure.size = measure.size or len(body)


def measure(port, rounds=30, warmup=3, cases=CASES):
    """The served pages, then the computation without the cache."""
    measures = [DashboardMeasure(case) for case in cases]
    serve(port, measures, rounds, warmup)
    compute(measures, max(3, rounds // 3))
    return measures


def _number(value):
    return f"{value:,}".replace(",", " ")


def format_table(measures):
    """The measures as an aligned text table, one line per case."""
    header = (
        "Tableau de bord d’un territoire",
        "Initiatives",
        "Taille",
        "Servie p50",
        "Servie p95",
        "Calcul p50",
        "Calcul p95",
        "Objectif",
        "",
    )
    rows = [header]
    for m in measures:
        errors = f" ({m.errors} erreurs)" if m.errors else ""
        computed = [percentile(m.computed, f) * 1000 for f in (0.5, 0.95)] if m.computed else []
        rows.append(
            (
                m.case.label,
                _number(m.initiatives),
                f"{m.size / 1000:.1f} Ko",
                f"{m.p(0.5):.1f} ms",
                f"{m.p(0.95):.1f} ms",
                *(f"{value:.1f} ms" for value in computed or (float("nan"),) * 2),
                f"< {TARGET_P95_MS} ms",
                ("✓" if m.met else "✗") + errors,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    right = {1, 2, 3, 4, 5, 6}
    lines = []
    for index, row in enumerate(rows):
        cells = [
            f"{cell:>{width}}" if i in right else f"{cell:<{width}}"
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths if width))
    lines.append(
        "Servie : la page par gunicorn, ce que le tableau de bord calcule étant gardé "
        "dans le cache partagé jusqu’au prochain changement de l’annuaire. Calcul : "
        "ses requêtes sans ce cache (la première vue après un changement)."
    )
    return "\n".join(lines)
