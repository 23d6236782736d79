import time

from django.core.management.base import BaseCommand

from bench import sources
from sources.readers import read

CASES = [
    ("cis-csv, UTF-8, `,`", "cis-csv", lambda n: sources.cis_csv(n)),
    (
        "cis-csv, Windows-1252, `;`",
        "cis-csv",
        lambda n: sources.cis_csv(n, separator=";", encoding="cp1252"),
    ),
    ("gogocarto-json", "gogocarto-json", lambda n: sources.gogocarto_json(n)),
]


class Command(BaseCommand):
    help = (
        "Mesure la lecture de fichiers de partenaires de N lignes (sans la base) : "
        "secondes et lignes par seconde, meilleur de trois essais."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000, help="Lignes par fichier.")

    def handle(self, *args, rows, **options):
        self.stdout.write(
            f"{'fichier':<28} {'lignes':>7} {'projets':>8} {'Mo':>6} {'s':>7} {'lignes/s':>9}"
        )
        for label, format, make in CASES:
            data = make(rows)
            best = None
            for _attempt in range(3):
                start = time.perf_counter()
                result = read(data, format)
                elapsed = time.perf_counter() - start
                best = elapsed if best is None else min(best, elapsed)
            lines = rows if format == "cis-csv" else len(result.rows)
            self.stdout.write(
                f"{label:<28} {lines:>7} {len(result.rows):>8} {len(data) / 1e6:>6.1f} "
                f"{best:>7.3f} {lines / best:>9.0f}"
            )
