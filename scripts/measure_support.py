"""Shared by the measurement scripts (scripts/measure-*): a gunicorn on a free
port of 127.0.0.1, timed requests and percentiles. Nothing leaves the machine."""

import math
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def django_setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carrefour.settings")
    import django

    django.setup()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values, share):
    """The nearest-rank percentile: `share` of the values are at most this."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)] if ordered else float("nan")


def summary_ms(durations):
    if not durations:
        return "no request"
    return (
        f"n={len(durations):4d}  p50={percentile(durations, 0.5) * 1000:7.0f} ms  "
        f"p95={percentile(durations, 0.95) * 1000:7.0f} ms  max={max(durations) * 1000:7.0f} ms"
    )


def timed_get(url, timeout=60, opener=None, headers=None):
    """(status, seconds, body); status is None when no HTTP answer came."""
    request = urllib.request.Request(url, headers=headers or {})
    started = time.monotonic()
    try:
        with (opener or urllib.request.urlopen)(request, timeout=timeout) as response:
            return response.status, time.monotonic() - started, response.read()
    except urllib.error.HTTPError as error:
        return error.code, time.monotonic() - started, error.read()
    except (OSError, TimeoutError):
        return None, time.monotonic() - started, b""


class Gunicorn:
    """`gunicorn carrefour.wsgi -w N` on a free port, with extra environment variables."""

    def __init__(self, env, workers=2, log_path=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path or os.devnull, "w")
        self.process = subprocess.Popen(
            [str(GUNICORN), "carrefour.wsgi", "-b", f"127.0.0.1:{self.port}", "-w", str(workers)],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, path="/robots.txt", timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn ended (status {self.process.returncode})")
            status, _, _ = timed_get(self.url + path, timeout=5)
            if status == 200:
                return
            time.sleep(0.2)
        raise SystemExit("gunicorn did not answer in time")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
