import os
import time
import tracemalloc
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import CommandError
from django.http import QueryDict

from bench import benchmark
from bench.management.commands import bench
from initiatives.directory import exports
from initiatives.models import Initiative
from opendata.formats import FORMATS, export_bytes

# (label, view, query string): the whole directory in each format, and searches.
CASES = [
    ("CSV, tout l’annuaire", "csv", ""),
    ("GeoJSON, tout l’annuaire", "geojson", ""),
    ("JSON-LD, tout l’annuaire", "jsonld", ""),
    ("CSV, thematique=mobilite", "csv", "thematique=mobilite"),
    ("CSV, territoire=region-84&tri=nom", "csv", "territoire=region-84&tri=nom"),
    ("CSV, q=insertion", "csv", "q=insertion"),
]


class Command(bench.Command):
    help = (
        "Mesure les exports /donnees/ (CSV, GeoJSON, JSON-LD) sur la base de banc "
        "(<nom>_bench, préparée comme pour `make bench`) : durée, volume et pic de "
        "mémoire Python (tracemalloc) de chaque export lu en entier."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count", type=int, default=100_000, help="Nombre d’initiatives fictives."
        )
        parser.add_argument("--seed", type=int, default=1, help="Graine de l’annuaire fictif.")
        parser.add_argument(
            "--skip-load",
            action="store_true",
            help="Mesurer la base de banc telle quelle, sans la préparer.",
        )

    def handle(self, *args, **options):
        if options["count"] <= 0:
            raise CommandError("--count doit être positif.")
        url = benchmark.bench_database_url(os.getenv("DATABASE_URL") or settings.DATABASE_URL)
        name = urlsplit(url).path.lstrip("/")
        self.stdout.write(f"Base de banc : {name}")
        if options["skip_load"]:
            self.use_database(name)
        else:
            self.prepare(
                name, {**os.environ, "DATABASE_URL": url}, options["count"], options["seed"]
            )
        published = Initiative.objects.published().count()
        if not published:
            raise CommandError(f"Base {name} vide : relancez sans --skip-load.")
        self.stdout.write(f"{benchmark.number(published)} initiatives publiées.\n")
        header = f"{'export':<36} {'octets':>14} {'durée':>9} {'pic mémoire':>12}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for label, extension, query in CASES:
            size, seconds = measure(FORMATS[extension], query, trace=False)
            _size, peak = measure(FORMATS[extension], query, trace=True)
            self.stdout.write(
                f"{label:<36} {benchmark.number(size):>14} {seconds:>8.1f}s "
                f"{peak / 2**20:>10.1f} Mo"
            )
        self.stdout.write(
            "\nDurée : export lu en entier, sans tracemalloc. Pic mémoire : allocations "
            "Python pendant l’export (tracemalloc, second passage)."
        )


def measure(export_format, query, trace):
    """(bytes, seconds) of the export read whole, or (bytes, peak bytes) if `trace`."""
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    filterset = exports.export_search(QueryDict(query))
    assert filterset.is_valid(), filterset.errors
    size = sum(len(piece) for piece in export_bytes(export_format, filterset))
    seconds = time.perf_counter() - start
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return size, peak
    return size, seconds
