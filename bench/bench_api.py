"""The API's share of `manage.py bench`: the list of initiatives of /api/v1/.

Each case is requested from the running server with the parameters of the
list page; the table gives the p50 and p95 times, the size of the answer and
the total it reports.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from bench.benchmark import EndpointMeasure, measure_endpoint

API_PATH = "/api/v1/initiatives/"
# As the list page's broad searches: the API runs the same search.
TARGET_P95_MS = 200


@dataclass(frozen=True)
class ApiCase:
    label: str
    params: tuple = ()

    @property
    def path(self):
        return f"{API_PATH}?{urlencode(self.params)}" if self.params else API_PATH


CASES = (
    ApiCase("tout l’annuaire"),
    ApiCase("tout l’annuaire, 100 par page", (("par_page", "100"),)),
    ApiCase("« culture »", (("q", "culture"),)),
    ApiCase(
        "Isère + thématique tourisme",
        (("territoire", "departement-38"), ("thematique", "tourisme")),
    ),
    ApiCase("autour de Voiron, 20 km", (("pres_de", "commune-38563"), ("rayon", "20"))),
)


class ApiMeasure(EndpointMeasure):
    @property
    def met(self):
        return bool(self.seconds) and not self.errors and self.p(0.95) < TARGET_P95_MS


def measure(port, rounds=30, warmup=3, cases=CASES):
    """Time each case `rounds` times, after `warmup` unmeasured rounds."""
    return measure_endpoint(port, [ApiMeasure(case) for case in cases], rounds, warmup)


def _number(value):
    return f"{value:,}".replace(",", " ")


def format_table(measures):
    """The measures as an aligned text table, one line per case."""
    header = ("API /api/v1/initiatives/", "Résultats", "Taille", "p50", "p95", "Objectif", "")
    rows = [header]
    for m in measures:
        errors = f" ({m.errors} erreurs)" if m.errors else ""
        rows.append(
            (
                m.case.label,
                _number(m.total),
                f"{m.size / 1000:.1f} Ko",
                f"{m.p(0.5):.1f} ms",
                f"{m.p(0.95):.1f} ms",
                f"< {TARGET_P95_MS} ms",
                ("✓" if m.met else "✗") + errors,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    right = {1, 2, 3, 4}
    lines = []
    for index, row in enumerate(rows):
        cells = [
            f"{cell:>{width}}" if i in right else f"{cell:<{width}}"
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths if width))
    return "\n".join(lines)
