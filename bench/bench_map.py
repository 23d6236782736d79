"""The map's share of `manage.py bench`: its GeoJSON data at national, regional and city zoom.

Each case is requested from the running server as the map asks for it (a
viewport and a zoom); the table gives the p50 and p95 times, the size of the
response and what it held (groups or initiatives).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from bench.benchmark import EndpointMeasure, measure_endpoint

DATA_PATH = "/carte/donnees.geojson"
# The targets of the issue at 100,000 initiatives, for the national view.
TARGET_P95_MS = 300
TARGET_BYTES = 200_000


@dataclass(frozen=True)
class MapCase:
    label: str
    zoom: int
    # west, south, east, north: a 1280×800 map at this zoom.
    bbox: tuple
    params: tuple = ()
    national: bool = False

    @property
    def path(self):
        query = [*self.params, ("bbox", ",".join(map(str, self.bbox))), ("zoom", self.zoom)]
        return f"{DATA_PATH}?{urlencode(query)}"


CASES = (
    MapCase("France", 6, (-8.9, 40.6, 13.1, 52.3), national=True),
    MapCase("France, thématique", 6, (-8.9, 40.6, 13.1, 52.3), (("thematique", "mobilite"),), True),
    MapCase("France, mot courant", 6, (-8.9, 40.6, 13.1, 52.3), (("q", "solidaire"),), True),
    MapCase("région (Auvergne-Rhône-Alpes)", 8, (1.9, 43.8, 7.4, 46.9)),
    MapCase("département (Isère)", 10, (4.6, 44.8, 6.3, 45.7)),
    MapCase("ville (Lyon)", 13, (4.73, 45.70, 4.95, 45.82)),
    MapCase(
        "autour de Voiron, 20 km",
        11,
        (5.16, 45.15, 6.04, 45.57),
        (("pres_de", "commune-38563"), ("rayon", "20")),
    ),
)


@dataclass
class MapMeasure(EndpointMeasure):
    features: int = 0
    grouped: bool = False
    # The number in view: exact, past a bound ("> 10 000") or estimated ("≈ 75 000").
    total_exact: bool = True
    estimated: bool = False

    def record(self, collection):
        self.features = len(collection["features"])
        self.grouped = collection["groupes"]
        self.total = collection["total"]
        self.total_exact = collection.get("total_exact", True)
        self.estimated = collection.get("estime", False)

    @property
    def in_view(self):
        if self.estimated:
            return f"≈ {_number(self.total)}"
        return _number(self.total) if self.total_exact else f"> {_number(self.total)}"

    @property
    def met(self):
        if not self.seconds or self.errors:
            return False
        if not self.case.national:
            return self.p(0.95) < TARGET_P95_MS
        return self.p(0.95) < TARGET_P95_MS and self.size < TARGET_BYTES


def measure(port, rounds=30, warmup=3, cases=CASES):
    """Time each case `rounds` times, after `warmup` unmeasured rounds."""
    return measure_endpoint(port, [MapMeasure(case) for case in cases], rounds, warmup)


def _number(value):
    return f"{value:,}".replace(",", " ")


def format_table(measures):
    """The measures as an aligned text table, one line per case."""
    header = ("Carte", "Zoom", "Dans la vue", "Objets", "Taille", "p50", "p95", "Objectif", "")
    rows = [header]
    for m in measures:
        target = f"< {TARGET_P95_MS} ms"
        if m.case.national:
            target += f", < {TARGET_BYTES // 1000} Ko"
        kind = ("groupes estimés" if m.estimated else "groupes") if m.grouped else "points"
        errors = f" ({m.errors} erreurs)" if m.errors else ""
        rows.append(
            (
                m.case.label,
                str(m.case.zoom),
                m.in_view,
                f"{_number(m.features)} {kind}",
                f"{m.size / 1000:.1f} Ko",
                f"{m.p(0.5):.1f} ms",
                f"{m.p(0.95):.1f} ms",
                target,
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
    return "\n".join(lines)
