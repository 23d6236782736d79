"""The search benchmark behind `manage.py bench`: the mix, the timings and the table.

The page is timed as gunicorn serves it (HTTP on 127.0.0.1, one request at a
time); beside it, the SQL statements the same search runs, timed in-process;
then the throughput of several clients at once looping over the mix.
"""

import contextlib
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

SEARCH = "recherche"
FILTERED = "filtrée"
# The targets of the issue, at 100,000 initiatives on 2 cores: every search page
# (words found in every fiche, a deep page and every sort included), and the
# searches narrowed by a territory, a theme, an actor or a source.
TARGET_P95_MS = {SEARCH: 60, FILTERED: 25}
# At a million initiatives, every search page, filtered or not.
MILLION = 1_000_000
TARGET_P95_MS_AT_A_MILLION = 300
TARGET_REQUESTS_PER_SECOND = 100
SEARCH_PATH = "/initiatives/"


@dataclass(frozen=True)
class Case:
    label: str
    kind: str
    params: tuple = ()

    @property
    def query_string(self):
        return urlencode(self.params)

    @property
    def path(self):
        return f"{SEARCH_PATH}?{self.query_string}" if self.params else SEARCH_PATH

    @property
    def target_ms(self):
        return TARGET_P95_MS[self.kind]


# Searches for words, from the commonest (« projet » is in every fictitious
# fiche, « association » in three quarters, « solidaire » in a third, « culture »
# in a tenth) to specific ones, on a deep page and with every sort; then
# searches narrowed by a filter. The bench prints the match count of each.
CASES = (
    Case("« projet »", SEARCH, (("q", "projet"),)),
    Case("« association »", SEARCH, (("q", "association"),)),
    Case("« solidaire »", SEARCH, (("q", "solidaire"),)),
    Case("« culture »", SEARCH, (("q", "culture"),)),
    Case("« projet », page 50", SEARCH, (("q", "projet"), ("page", "50"))),
    Case("« projet », les plus récentes", SEARCH, (("q", "projet"), ("tri", "recent"))),
    Case("« association », par nom", SEARCH, (("q", "association"), ("tri", "nom"))),
    Case("« solidaire », au hasard", SEARCH, (("q", "solidaire"), ("tri", "hasard"))),
    Case("« culture », page 5", SEARCH, (("q", "culture"), ("page", "5"))),
    Case("« village », par nom", SEARCH, (("q", "village"), ("tri", "nom"))),
    Case("« produits locaux »", SEARCH, (("q", "produits locaux"),)),
    Case("« ressourcerie »", SEARCH, (("q", "ressourcerie"),)),
    Case("thématique tourisme", FILTERED, (("thematique", "tourisme"),)),
    Case("thématique sport, au hasard", FILTERED, (("thematique", "sport"), ("tri", "hasard"))),
    Case("Isère", FILTERED, (("territoire", "departement-38"),)),
    Case(
        "Grenoble + insertion",
        FILTERED,
        (("territoire", "commune-38185"), ("thematique", "insertion")),
    ),
    Case(
        "Auvergne-Rhône-Alpes + tourisme + « village »",
        FILTERED,
        (("territoire", "region-84"), ("thematique", "tourisme"), ("q", "village")),
    ),
    Case("acteur France Active", FILTERED, (("acteur", "france-active"),)),
    Case("source La France s’engage", FILTERED, (("source", "la-france-s-engage"),)),
)


def percentile(values, fraction):
    """The `fraction` quantile of `values`, interpolated between the closest ranks."""
    if not values:
        raise ValueError("percentile() of no values")
    ordered = sorted(values)
    rank = fraction * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Measure:
    """The timings of one case, in seconds."""

    case: Case
    matches: int = 0
    statements: int = 0
    page: list = field(default_factory=list)
    sql: list = field(default_factory=list)
    # The SQL of a first visit: the search's counts not yet in the shared cache.
    first_sql: list = field(default_factory=list)
    errors: int = 0
    # "" for an exact count; past SEARCH_COUNT_LIMIT, "≈ " for an estimate,
    # "> " for the limit alone, and then the true count beside it.
    approximation: str = ""
    true_matches: int | None = None
    # The number of initiatives the directory holds, which sets the target.
    directory_size: int = 0

    @property
    def target_ms(self):
        if self.directory_size >= MILLION:
            return TARGET_P95_MS_AT_A_MILLION
        return self.case.target_ms

    @property
    def met(self):
        return bool(self.page) and not self.errors and ms(self.page, 0.95) <= self.target_ms


@dataclass
class Throughput:
    clients: int
    seconds: float
    requests: int = 0
    errors: int = 0

    @property
    def per_second(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def met(self):
        return not self.errors and self.per_second >= TARGET_REQUESTS_PER_SECOND


def ms(values, fraction):
    return percentile(values, fraction) * 1000


def mark(met):
    return "✓" if met else "✗"


def number(value):
    """1234567 → "1 234 567", the French grouping."""
    return f"{value:,}".replace(",", " ")


COLUMNS = (
    ("Cas", "<"),
    ("Type", "<"),
    ("Résultats", ">"),
    ("Vrai nombre", ">"),
    ("Req. SQL", ">"),
    ("Page p50", ">"),
    ("Page p95", ">"),
    ("SQL p50", ">"),
    ("SQL p95", ">"),
    ("SQL 1re p95", ">"),
    ("Objectif p95", ">"),
    ("", "<"),
)


def _row(measure):
    def timing(values, fraction):
        return f"{ms(values, fraction):.1f} ms" if values else "—"

    errors = f" ({measure.errors} erreurs)" if measure.errors else ""
    return (
        measure.case.label,
        measure.case.kind,
        measure.approximation + number(measure.matches),
        _true_count(measure),
        str(measure.statements),
        timing(measure.page, 0.5),
        timing(measure.page, 0.95),
        timing(measure.sql, 0.5),
        timing(measure.sql, 0.95),
        timing(measure.first_sql, 0.95),
        f"≤ {measure.target_ms} ms",
        mark(measure.met) + errors,
    )


def _true_count(measure):
    """The true count beside an estimate, and how far the estimate is from it."""
    if not measure.approximation or measure.true_matches is None:
        return "—"
    if measure.approximation != "≈ " or not measure.true_matches:
        return number(measure.true_matches)
    error = (measure.matches - measure.true_matches) / measure.true_matches * 100
    return f"{number(measure.true_matches)} ({error:+.1f} %)".replace(".", ",")


def format_table(measures):
    """The measures as an aligned text table, one line per case."""
    rows = [tuple(title for title, _align in COLUMNS), *(_row(m) for m in measures)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = []
    for index, row in enumerate(rows):
        columns = zip(row, COLUMNS, widths, strict=True)
        cells = [f"{cell:{align}{width}}" for cell, (_title, align), width in columns]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths if width))
    return "\n".join(lines)


LEGEND = (
    "Page : la page servie par gunicorn, une requête à la fois (HTTP sur 127.0.0.1). "
    "SQL : les requêtes SQL de la même recherche, exécutées dans ce processus, qui l’a "
    "déjà servie (Req. SQL : leur nombre) ; SQL 1re : celles d’une première visite, les "
    "nombres de la recherche pas encore en cache et rien de gardé en mémoire. "
    "Résultats « ≈ N » ou « > N » : au-delà du nombre compté exactement "
    "(SEARCH_COUNT_LIMIT), une estimation ou cette borne ; "
    "Vrai nombre : le compte exact, fait à part pour le banc, et l’écart de l’estimation."
)


def format_throughput(throughput):
    return (
        f"Débit, {throughput.clients} clients pendant {throughput.seconds:.1f} s : "
        f"{throughput.per_second:.1f} requêtes/s ({number(throughput.requests)} réponses, "
        f"{throughput.errors} erreurs) ; objectif ≥ {TARGET_REQUESTS_PER_SECOND} requêtes/s "
        f"{mark(throughput.met)}"
    )


def format_machine(load_before, load_after):
    """The cores and the load average, other processes' share of the timings."""
    return (
        f"Machine : {os.cpu_count()} cœurs ; charge moyenne sur 1 min : "
        f"{load_before:.2f} avant la mesure, {load_after:.2f} après."
    )


def load_average():
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return float("nan")


# The size every bench database is made for unless told otherwise (`make bench`).
DEFAULT_COUNT = 100_000
BENCH_SUFFIX = re.compile(r"_bench(_[0-9]+)?$")


def bench_database_url(url, count=DEFAULT_COUNT):
    """The URL of the bench database for `count` initiatives, on the server of `url`:
    `<name>_bench` for the default size, `<name>_bench_<count>` for another, so that
    a run at a million neither tops up nor cuts down the database of the default size."""
    parts = urlsplit(url)
    name = BENCH_SUFFIX.sub("", parts.path.lstrip("/")) + "_bench"
    if count != DEFAULT_COUNT:
        name += f"_{count}"
    return urlunsplit(parts._replace(path="/" + name))


# HTTP, to 127.0.0.1 only.


def fetch(port, path, timeout=30.0):
    """GET `path` from 127.0.0.1:`port`: the status, the body and the seconds taken."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    start = time.perf_counter()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        return response.status, body, time.perf_counter() - start
    finally:
        connection.close()


@dataclass
class EndpointMeasure:
    """The times of one case of a JSON endpoint (the map data, the API), and what
    its first answer held (`record`)."""

    case: object
    seconds: list = field(default_factory=list)
    size: int = 0
    total: int = 0
    errors: int = 0

    def p(self, fraction):
        """The `fraction` quantile of the times, in milliseconds."""
        if len(self.seconds) < 2:
            return self.seconds[0] * 1000 if self.seconds else float("nan")
        cuts = statistics.quantiles(self.seconds, n=100, method="inclusive")
        return cuts[round(fraction * 100) - 1] * 1000

    def record(self, document):
        self.total = document["total"]


def measure_endpoint(port, measures, rounds, warmup):
    """Time each measure's case `rounds` times, after `warmup` unmeasured rounds."""
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
            if not measure.size:
                measure.size = len(body)
                measure.record(json.loads(body))
    return measures


def get(port, path, timeout=30.0):
    """GET `path` from the server on 127.0.0.1:`port`; the status and the seconds taken."""
    status, _body, seconds = fetch(port, path, timeout)
    return status, seconds


def time_request(port, path):
    """The seconds one request took, or None if it failed."""
    try:
        status, seconds = get(port, path)
    except (OSError, http.client.HTTPException):
        return None
    return seconds if status == 200 else None


def run_clients(port, paths, clients, duration, max_requests=100_000):
    """`clients` threads requesting `paths` in turn until `duration` seconds have passed."""
    deadline = time.monotonic() + duration
    # One slot per thread: [responses, errors].
    counts = [[0, 0] for _ in range(clients)]

    def client(index):
        for n in range(max_requests):
            if time.monotonic() >= deadline:
                break
            seconds = time_request(port, paths[(index + n) % len(paths)])
            counts[index][0 if seconds is not None else 1] += 1

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Throughput(
        clients=clients,
        seconds=time.perf_counter() - start,
        requests=sum(ok for ok, _errors in counts),
        errors=sum(errors for _ok, errors in counts),
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def exit_on_termination():
    """Turn SIGTERM and SIGHUP into SystemExit, so that `with` blocks stop what they started."""

    def leave(signum, frame):
        raise SystemExit(128 + signum)

    signals = (signal.SIGTERM, signal.SIGHUP)
    previous = {signum: signal.signal(signum, leave) for signum in signals}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class Server:
    """gunicorn serving the portal on a free port of 127.0.0.1, stopped on leaving."""

    READY_SECONDS = 60

    def __init__(self, *, env, workers, directory, log_path):
        self.env = env
        self.workers = workers
        self.directory = directory
        self.log_path = Path(log_path)
        self.port = None
        self.process = None

    def __enter__(self):
        self.port = free_port()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn),
            "carrefour.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--graceful-timeout",
            "5",
        ]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=self.directory, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def _wait_until_ready(self):
        deadline = time.monotonic() + self.READY_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn s’est arrêté : voir {self.log_path}")
            try:
                status, _seconds = get(self.port, "/robots.txt", timeout=5)
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)
                continue
            if status == 200:
                return
            raise RuntimeError(f"gunicorn répond {status} : voir {self.log_path}")
        raise RuntimeError(f"gunicorn ne répond pas après {self.READY_SECONDS} s")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
