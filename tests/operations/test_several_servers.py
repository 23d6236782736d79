"""The portal as several application servers in front of a primary and a
streaming replica: a throwaway primary and its replica (scripts/database
replica), two gunicorn servers on two ports, and two email workers."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from tests.operations.clusters import Checkout

ROOT = Path(settings.BASE_DIR)
PASSWORD = "un mot de passe pour les essais"
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
SETUP = """
from django.contrib.auth import get_user_model
from initiatives.models import Initiative
get_user_model().objects.create_superuser("moderatrice", "moderatrice@example.org", {password!r})
Initiative.objects.create(name="Garage solidaire du Trièves", slug="garage-solidaire-du-trieves",
    summary="Des réparations à prix coûtant.", status=Initiative.Status.PENDING,
    contact_email="garage@example.org")
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *command):
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )


class Browser:
    """A visitor's cookies and requests, on any of the servers."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, url):
        try:
            with self.opener.open(url, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, url, fields, referer):
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": referer})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def submit(self, page_url, post_url, fields):
        """Posts the form of `page_url` (its hidden fields) with `fields` to `post_url`."""
        status, html = self.get(page_url)
        assert status == 200, html[:500]
        return self.post(post_url, {**dict(HIDDEN_INPUT.findall(html)), **fields}, page_url)


def wait_for(check, seconds=20):
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.2)


def healthy(server):
    try:
        return Browser().get(server + "/sante/web/")[0] == 200
    except urllib.error.URLError:
        return False


def replica_sessions(replica_url):
    """How many connections other than this one read the portal's database on the replica."""
    with psycopg.connect(replica_url, connect_timeout=5) as connection:
        return connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        ).fetchone()[0]


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    checkout = Checkout(None)
    servers = []
    try:
        checkout.database("replica", "start")
        primary = checkout.url()
        replica = checkout.database("replica", "url").stdout.strip()
        emails = tmp_path_factory.mktemp("emails")
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DATABASE_", "TEST_DATABASE", "DJANGO_"))
        }
        env.update(
            DATABASE_URL=primary,
            DATABASE_REPLICA_URLS=replica,
            REPLICA_RETRY_SECONDS="1",
            CONTACT_FORM_MIN_SECONDS="0",
            EMAIL_BACKEND="file",
            EMAIL_FILE_PATH=str(emails),
        )
        manage(env, "migrate", "--no-input")
        manage(env, "shell", "-c", SETUP.format(password=PASSWORD))
        urls = []
        for _server in range(2):
            port = free_port()
            servers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "carrefour.wsgi", "-b", f"127.0.0.1:{port}"]
                    + ["--workers", "2", "--timeout", "60"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            assert wait_for(lambda url=url: healthy(url), 60)
        yield {
            "checkout": checkout,
            "env": env,
            "primary": primary,
            "replica": replica,
            "emails": emails,
            "a": urls[0],
            "b": urls[1],
        }
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        checkout.remove()


def publish_through(server, primary):
    with psycopg.connect(primary) as connection:
        (selected,) = connection.execute(
            "SELECT id FROM initiatives_initiative WHERE slug = 'garage-solidaire-du-trieves'"
        ).fetchone()
    moderator = Browser()
    status, _html = moderator.submit(
        server + "/admin/login/",
        server + "/admin/login/?next=/admin/",
        {"username": "moderatrice", "password": PASSWORD},
    )
    assert status == 200
    status, html = moderator.submit(
        server + "/admin/initiatives/initiative/",
        server + "/admin/initiatives/initiative/",
        {"action": "publish", "_selected_action": selected, "index": "0"},
    )
    assert status == 200
    assert "1 initiative publiée." in html


def test_a_fiche_published_through_one_server_appears_on_the_other(layout):
    fiche = "/initiatives/garage-solidaire-du-trieves/"
    assert Browser().get(layout["b"] + fiche)[0] == 404
    publish_through(layout["a"], layout["primary"])
    visitor = Browser()
    assert wait_for(lambda: visitor.get(layout["b"] + fiche)[0] == 200, 10)
    status, html = visitor.get(layout["b"] + "/initiatives/?q=garage")
    assert status == 200
    assert "Garage solidaire du Trièves" in html


def test_lists_are_read_from_the_replica(layout):
    before = replica_sessions(layout["replica"])
    for path in ["/initiatives/", "/carte/donnees.geojson", "/api/v1/initiatives/"]:
        assert Browser().get(layout["a"] + path)[0] == 200
        assert Browser().get(layout["b"] + path)[0] == 200
    # Each server's workers keep their connection to the replica open.
    assert replica_sessions(layout["replica"]) > before


def test_without_the_replica_reads_fall_back_to_the_primary_without_an_error(layout):
    layout["checkout"].database("replica", "stop")
    try:
        for server in (layout["a"], layout["b"]):
            for path in ["/initiatives/", "/carte/", "/api/v1/initiatives/", "/donnees/"]:
                status, html = Browser().get(server + path)
                assert status == 200, (server, path, html[:300])
    finally:
        layout["checkout"].database("replica", "start")


def sent_emails(folder):
    messages = []
    for path in folder.iterdir():
        messages += [part for part in path.read_text().split("-" * 79) if "Subject:" in part]
    return messages


def test_contact_requests_are_sent_once_with_two_email_workers(layout):
    visitor = Browser()
    form = layout["b"] + "/initiatives/garage-solidaire-du-trieves/contacter/"
    for number in range(6):
        status, html = visitor.submit(
            form,
            layout["a"] + "/initiatives/garage-solidaire-du-trieves/contacter/",
            {
                "name": f"Camille {number}",
                "email": f"camille{number}@example.org",
                "sender_kind": "citoyen",
                "purpose": "information",
                "message": f"Bonjour, ouvrez-vous le samedi ? (message {number})",
                "acknowledge": "on",
            },
        )
        assert "Merci, votre message est parti" in html, html[:1000]
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "send_emails"],
            cwd=ROOT,
            env=layout["env"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _worker in range(2)
    ]
    for worker in workers:
        assert worker.wait(timeout=120) == 0, worker.stderr.read()
    messages = sent_emails(layout["emails"])
    # Each request: one email to the fiche's contact, one acknowledgement.
    recipients = [re.search(r"^To: (\S+)$", m, re.MULTILINE).group(1) for m in messages]
    assert recipients.count("garage@example.org") == 6
    assert sorted(r for r in recipients if r != "garage@example.org") == [
        f"camille{number}@example.org" for number in range(6)
    ]
    with psycopg.connect(layout["primary"]) as connection:
        pending = connection.execute(
            "SELECT count(*) FROM outbox_email WHERE status <> 'sent'"
        ).fetchone()[0]
    assert pending == 0
