"""The place suggestions' share of `manage.py bench`: /territoires/suggestions/
over every territory of France (about 35,000 communes), typed as people type
them. The table gives the p50 and p95 times and the first suggestion.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from bench.benchmark import EndpointMeasure, measure_endpoint

SUGGESTIONS_PATH = "/territoires/suggestions/"
# An autocomplete asks at each pause in typing.
TARGET_P95_MS = 50


@dataclass(frozen=True)
class PlaceCase:
    label: str
    text: str

    @property
    def path(self):
        return f"{SUGGESTIONS_PATH}?{urlencode({'q': self.text})}"


CASES = (
    PlaceCase("un mot d’un EPCI", "gresivaudan"),
    PlaceCase("forme courte", "CA Pays Voironnais"),
    PlaceCase("numéro de département", "38"),
    PlaceCase("mot très courant", "saint"),
    PlaceCase("deux lettres", "sa"),
    PlaceCase("faute de frappe", "grenobel"),
    PlaceCase("code postal", "38500"),
)


class PlaceMeasure(EndpointMeasure):
    first = ""

    def record(self, document):
        results = document["results"]
        self.total = len(results)
        self.first = results[0]["description"] if results else ""

    @property
    def met(self):
        return bool(self.seconds) and not self.errors and self.p(0.95) < TARGET_P95_MS


def measure(port, rounds=30, warmup=3, cases=CASES):
    """Time each case `rounds` times, after `warmup` unmeasured rounds."""
    return measure_endpoint(port, [PlaceMeasure(case) for case in cases], rounds, warmup)


def format_table(measures):
    """The measures as an aligned text table, one line per case."""
    header = ("Suggestions de lieux", "Saisi", "Premier", "p50", "p95", "Objectif", "")
    rows = [header]
    for m in measures:
        errors = f" ({m.errors} erreurs)" if m.errors else ""
        rows.append(
            (
                m.case.label,
                f"« {m.case.text} »",
                m.first,
                f"{m.p(0.5):.1f} ms",
                f"{m.p(0.95):.1f} ms",
                f"< {TARGET_P95_MS} ms",
                ("✓" if m.met else "✗") + errors,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    right = {3, 4}
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
