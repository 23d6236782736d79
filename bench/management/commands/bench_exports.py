import os
import resource
import time
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
# Smaller searches first: if an export held its rows, the process's peak
# memory would grow with the whole directory's exports after them.
CASES = [
    ("CSV, territoire=departement-38", "csv", "territoire=departement-38"),
    ("CSV, q=insertion", "csv", "q=insertion"),
    ("CSV, tout l’annuaire", "csv", ""),
    ("JSON, tout l’annuaire", "json", ""),
    ("GeoJSON, tout l’annuaire", "geojson", ""),
    ("JSON-LD, tout l’annuaire", "jsonld", ""),
]


class Command(bench.Command):
    help = (
        "Mesure les exports /donnees/ (CSV, GeoJSON, JSON-LD) sur la base de banc "
        "(<nom>_bench ou <nom>_bench_<N>, préparée comme pour `make bench`) : durée, "
        "volume et pic de mémoire du processus pour chaque export lu en entier."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count",
            type=int,
            default=benchmark.DEFAULT_COUNT,
            help="Nombre d’initiatives fictives (une base de banc par nombre).",
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
        url = benchmark.bench_database_url(
            os.getenv("DATABASE_URL") or settings.DATABASE_URL, options["count"]
        )
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
        header = f"{'export':<32} {'initiatives':>11} {'octets':>14} {'durée':>8} {'pic RSS':>9}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        self.stdout.write(
            f"{'(avant les exports)':<32} {'':>11} {'':>14} {'':>8} {peak_rss():>6.0f} Mo"
        )
        for label, extension, query in CASES:
            count, size, seconds = measure(FORMATS[extension], query)
            self.stdout.write(
                f"{label:<32} {benchmark.number(count):>11} {benchmark.number(size):>14} "
                f"{seconds:>7.1f}s {peak_rss():>6.0f} Mo"
            )
        self.stdout.write(
            "\nDurée : l’export lu en entier, dans ce processus (sans HTTP). Pic RSS : la "
            "mémoire maximale du processus depuis son début (getrusage) : elle ne croît pas "
            "avec la taille des exports si ceux-ci ne gardent qu’un lot à la fois."
        )


def measure(export_format, query):
    """(initiatives, bytes, seconds) of the export of `query`, read whole."""
    start = time.perf_counter()
    filterset = exports.export_search(QueryDict(query))
    assert filterset.is_valid(), filterset.errors
    count = filterset.qs.count()
    size = sum(len(piece) for piece in export_bytes(export_format, filterset))
    return count, size, time.perf_counter() - start


def peak_rss():
    """The process's peak resident memory so far, in megabytes (Linux: kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
