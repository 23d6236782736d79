"""The email worker, `send_emails --loop N`, as a service runs it."""

import select
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

MANAGE = Path(__file__).resolve().parents[2] / "manage.py"


def database_url(port=None):
    db = connection.settings_dict
    user, password = quote(db["USER"], safe=""), quote(db["PASSWORD"], safe="")
    return f"postgres://{user}:{password}@{db['HOST']}:{port or db['PORT']}/{quote(db['NAME'])}"


def start_worker(tmp_path, database=None):
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": database or database_url(),
        "EMAIL_BACKEND": "file",
        "EMAIL_FILE_PATH": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
    }
    worker = subprocess.Popen(
        [sys.executable, str(MANAGE), "send_emails", "--loop", "60"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    ready, _, _ = select.select([worker.stdout], [], [], 30)
    if not ready:
        worker.kill()
    assert ready, "the worker says when it is ready"
    assert "toutes les 60 s" in worker.stdout.readline()
    return worker


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_worker_ends_cleanly_when_told_to_stop(tmp_path, signum):
    worker = start_worker(tmp_path)
    worker.send_signal(signum)
    out, err = worker.communicate(timeout=30)
    assert worker.returncode == 0, err
    assert "Envoi des courriels arrêté." in out
    assert "Traceback" not in err


def test_the_worker_outlives_the_database_being_away(tmp_path):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    worker = start_worker(tmp_path, database=database_url(port=closed.getsockname()[1]))
    # The first pass meets no database; the worker waits for the next one.
    while "database unavailable" not in worker.stderr.readline():
        assert worker.poll() is None, "the worker ended"
    worker.send_signal(signal.SIGTERM)
    out, err = worker.communicate(timeout=30)
    closed.close()
    assert worker.returncode == 0, err
    assert "Envoi des courriels arrêté." in out
