import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.http import Http404, QueryDict
from psycopg import sql

from bench import bench_api, bench_dashboard, bench_map, bench_places, benchmark
from bench.benchmark import CASES, Measure, Server
from carrefour import kept
from initiatives import directory
from initiatives.directory import counting
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative

BENCH_DIRECTORY = Path(settings.BASE_DIR) / "var" / "bench"


class StatementTimer:
    """An execute wrapper adding up the time spent in the database."""

    def __init__(self):
        self.seconds = 0.0
        self.statements = 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.statements += 1


class Command(BaseCommand):
    help = (
        "Mesure la page de recherche servie par gunicorn sur un annuaire de N initiatives "
        "fictives, dans une base à part (<nom>_bench, ou <nom>_bench_<N> hors 100 000) : "
        "p50 et p95 de la page et du SQL pour un mélange fixe de recherches, puis le débit "
        "avec plusieurs clients. "
        "Une seconde mesure avec le même N réutilise les données."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count",
            type=int,
            default=benchmark.DEFAULT_COUNT,
            help="Nombre d’initiatives fictives (une base de banc par nombre).",
        )
        parser.add_argument(
            "--requests", type=int, default=30, help="Requêtes mesurées par cas (défaut : 30)."
        )
        parser.add_argument(
            "--warmup", type=int, default=3, help="Tours de chauffe du mélange (défaut : 3)."
        )
        parser.add_argument(
            "--duration",
            type=float,
            default=10.0,
            help="Durée de la mesure de débit, en secondes (défaut : 10).",
        )
        parser.add_argument(
            "--clients", type=int, default=8, help="Clients simultanés pour le débit."
        )
        parser.add_argument(
            "--workers", type=int, default=2, help="Processus gunicorn (défaut : 2)."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Graine de l’annuaire fictif (défaut : 1)."
        )
        parser.add_argument(
            "--skip-load",
            action="store_true",
            help="Mesurer la base de banc telle quelle, sans la préparer.",
        )

    def handle(self, *args, **options):
        for name in ("count", "requests", "duration", "clients", "workers"):
            if options[name] <= 0:
                raise CommandError(f"--{name} doit être positif.")
        if options["warmup"] < 0:
            raise CommandError("--warmup ne peut pas être négatif.")
        url = benchmark.bench_database_url(
            os.getenv("DATABASE_URL") or settings.DATABASE_URL, options["count"]
        )
        env = {**os.environ, "DATABASE_URL": url}
        name = urlsplit(url).path.lstrip("/")
        self.stdout.write(f"Base de banc : {name}")
        if options["skip_load"]:
            self.use_database(name)
        else:
            self.prepare(name, env, options["count"], options["seed"])
        try:
            published = Initiative.objects.published().count()
        except DatabaseError as error:
            raise CommandError(f"Base {name} inutilisable : relancez sans --skip-load.") from error
        if not published:
            raise CommandError(f"Base {name} vide : relancez sans --skip-load.")
        self.stdout.write(f"{benchmark.number(published)} initiatives publiées.")

        load_before = benchmark.load_average()
        measures = [Measure(case, directory_size=published) for case in CASES]
        self.time_statements(measures, options["requests"], options["warmup"])
        throughput, map_measures, api_measures, dashboard_measures, place_measures = (
            self.time_pages(measures, env, options)
        )
        self.stdout.write("")
        self.stdout.write(benchmark.format_table(measures))
        self.stdout.write(benchmark.LEGEND)
        self.stdout.write("")
        self.stdout.write(benchmark.format_throughput(throughput))
        self.stdout.write("")
        self.stdout.write(bench_map.format_table(map_measures))
        self.stdout.write("")
        self.stdout.write(bench_api.format_table(api_measures))
        self.stdout.write("")
        self.stdout.write(bench_dashboard.format_table(dashboard_measures))
        self.stdout.write("")
        self.stdout.write(bench_places.format_table(place_measures))
        self.stdout.write(benchmark.format_machine(load_before, benchmark.load_average()))

    # Preparing the bench database.

    def prepare(self, name, env, count, seed):
        self.create_database(name)
        self.use_database(name)
        self.stdout.write("Migrations…")
        self.manage(env, "migrate", "--noinput", "--verbosity", "0")
        self.manage(env, "import_territories", "--if-empty")
        # Its actors are those the fictitious initiatives get as funders and partners.
        self.manage(env, "load_demo", "--if-empty")
        fictitious = Initiative.objects.filter(is_fictitious=True)
        existing = fictitious.count()
        if existing < count:
            self.stdout.write(
                f"{benchmark.number(existing)} initiatives fictives : "
                f"génération de {benchmark.number(count - existing)}…"
            )
            # A top-up draws other initiatives than the first run did.
            self.manage(
                env,
                "generate_initiatives",
                "--count",
                str(count - existing),
                "--seed",
                str(seed + existing),
            )
        elif existing > count:
            excess = list(
                fictitious.order_by("-pk").values_list("pk", flat=True)[: existing - count]
            )
            self.stdout.write(f"Suppression de {benchmark.number(len(excess))} initiatives…")
            Initiative.objects.filter(pk__in=excess).delete()
        else:
            self.stdout.write(f"{benchmark.number(existing)} initiatives fictives : déjà prêtes.")
        self.stdout.write("VACUUM ANALYZE…")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    def create_database(self, name):
        """Create the bench database, on the server of the current one, if missing."""
        params = connection.settings_dict
        credentials = {
            "host": params["HOST"] or None,
            "port": params["PORT"] or None,
            "user": params["USER"] or None,
            "password": params["PASSWORD"] or None,
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **credentials) as server:
            found = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if found.fetchone() is None:
                self.stdout.write(f"Création de la base {name}…")
                server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def use_database(self, name):
        # As Django's test runner does to switch to the test database.
        connection.close()
        connection.settings_dict["NAME"] = name

    def manage(self, env, *arguments):
        command = [sys.executable, "manage.py", *arguments]
        self.stdout.flush()
        try:
            subprocess.run(command, cwd=settings.BASE_DIR, env=env, check=True)
        except subprocess.CalledProcessError as error:
            raise CommandError(f"Échec de « manage.py {' '.join(arguments)} ».") from error

    # Measuring.

    def time_statements(self, measures, rounds, warmup):
        """Time the SQL of each search, run in-process as the view runs it."""
        self.stdout.write(f"SQL : {warmup} tours de chauffe, {rounds} tours mesurés…")
        missing = set()
        for round_number in range(warmup + rounds):
            for measure in measures:
                params = QueryDict(measure.case.query_string)
                try:
                    # As a first visit (its counts not in the shared cache, on a
                    # worker that kept nothing in memory), then as a worker that
                    # served it before.
                    kept.forget()
                    with counting.bypassed():
                        first, _results = self.time_search(params)
                    self.time_search(params)
                    timer, results = self.time_search(params)
                except Http404:
                    # A page past the last one, in a directory too small for the mix.
                    missing.add(measure.case.label)
                    continue
                measure.matches = results.total
                if not results.exact:
                    estimated = results.count.estimated
                    measure.approximation = "≈ " if estimated else "> "
                    measure.matches = results.total if estimated else results.count.limit
                measure.statements = timer.statements
                if round_number >= warmup:
                    measure.sql.append(timer.seconds)
                    measure.first_sql.append(first.seconds)
        self.count_truly([m for m in measures if m.approximation])
        for label in sorted(missing):
            self.stderr.write(f"{label} : page hors des résultats (annuaire trop petit).")

    def count_truly(self, measures):
        """The exact count of each search whose page gives an estimate (once:
        it reads every match)."""
        for measure in measures:
            params = QueryDict(measure.case.query_string)
            search = InitiativeFilter(params, queryset=Initiative.objects.published())
            search.is_valid()
            measure.true_matches = search.qs.order_by().count()

    def time_search(self, params):
        timer = StatementTimer()
        with connection.execute_wrapper(timer):
            results = directory.search(params).results
        return timer, results

    def time_pages(self, measures, env, options):
        static_root = BENCH_DIRECTORY / "static"
        server_env = {
            **env,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "CONN_MAX_AGE": "600",
            "STATIC_ROOT": str(static_root),
            "LOG_LEVEL": "WARNING",
            # One client sends every request of the bench.
            "API_REQUESTS_PER_CLIENT_MINUTE": "1000000000",
        }
        self.stdout.write("Fichiers statiques…")
        self.manage(server_env, "collectstatic", "--noinput", "--verbosity", "0")
        log_path = BENCH_DIRECTORY / "gunicorn.log"
        server = Server(
            env=server_env,
            workers=options["workers"],
            directory=settings.BASE_DIR,
            log_path=log_path,
        )
        self.stdout.write(f"gunicorn, {options['workers']} processus (journal : {log_path})…")
        with benchmark.exit_on_termination(), server:
            self.stdout.write(f"Prêt sur 127.0.0.1:{server.port}.")
            rounds, warmup = options["requests"], options["warmup"]
            self.stdout.write(f"Page : {warmup} tours de chauffe, {rounds} tours mesurés…")
            for round_number in range(warmup + rounds):
                for measure in measures:
                    seconds = benchmark.time_request(server.port, measure.case.path)
                    if round_number < warmup:
                        continue
                    if seconds is None:
                        measure.errors += 1
                    else:
                        measure.page.append(seconds)
            self.stdout.write(
                f"Débit : {options['clients']} clients pendant {options['duration']:g} s…"
            )
            throughput = benchmark.run_clients(
                server.port,
                [measure.case.path for measure in measures],
                options["clients"],
                options["duration"],
            )
            self.stdout.write("Carte : données GeoJSON aux zooms national, régional et ville…")
            map_measures = bench_map.measure(server.port, rounds, warmup)
            self.stdout.write("API : liste des initiatives…")
            api_measures = bench_api.measure(server.port, rounds, warmup)
            self.stdout.write("Tableaux de bord : une région, un département, une ville…")
            dashboard_measures = bench_dashboard.measure(server.port, rounds, warmup)
            self.stdout.write("Suggestions de lieux…")
            place_measures = bench_places.measure(server.port, rounds, warmup)
        return throughput, map_measures, api_measures, dashboard_measures, place_measures
