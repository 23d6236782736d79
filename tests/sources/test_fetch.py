"""Fetching an export by URL: a real HTTP server on 127.0.0.1, and the SSRF
guard refusing private addresses before any connection is made."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sources.fetch import FetchError, fetch

SAMPLE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "sources" / "cis-sample.csv"
).read_bytes()
ENDLESS_CAP = 64 * 1024 * 1024


class Partner(BaseHTTPRequestHandler):
    """A partner's site: routes for each case, every request recorded."""

    def do_GET(self):
        self.server.requests.append((self.path, self.headers.get("Host")))
        route = {
            "/export.csv": self.export,
            "/moved": lambda: self.redirect("/export.csv"),
            "/to-metadata": lambda: self.redirect("http://169.254.169.254/latest/meta-data/"),
            "/to-other-loopback": lambda: self.redirect(
                f"http://127.0.0.2:{self.server.server_port}/export.csv"
            ),
            "/to-file": lambda: self.redirect("file:///etc/passwd"),
            "/loop": lambda: self.redirect("/loop"),
            "/big": self.big,
            "/endless": self.endless,
        }.get(self.path, lambda: self.send_error(404))
        route()

    def export(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/csv; charset=utf-8")
        self.send_header("Content-Length", str(len(SAMPLE)))
        self.end_headers()
        self.wfile.write(SAMPLE)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def big(self):
        self.send_response(200)
        self.send_header("Content-Length", str(10 * 1024 * 1024))
        self.end_headers()

    def endless(self):
        # No Content-Length: only reading tells the size.
        self.send_response(200)
        self.end_headers()
        sent = 0
        try:
            while sent < ENDLESS_CAP:
                self.wfile.write(b"x" * 65536)
                sent += 65536
        except OSError:
            self.server.endless_stopped_by_client = True
        finally:
            self.server.endless_done.set()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def partner():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Partner)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def server(partner, settings):
    settings.SOURCES_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.SOURCES_FETCH_TIMEOUT = 10
    settings.SOURCES_FETCH_MAX_BYTES = 1_000_000
    partner.requests = []
    partner.endless_stopped_by_client = False
    partner.endless_done = threading.Event()
    partner.base = f"http://127.0.0.1:{partner.server_port}"
    return partner


def test_it_fetches_a_file_from_an_allowed_server(server):
    download = fetch(server.base + "/export.csv")
    assert download.content == SAMPLE
    assert download.content_type == "text/csv; charset=utf-8"
    assert server.requests == [("/export.csv", f"127.0.0.1:{server.server_port}")]


def test_it_follows_a_redirect_and_gives_the_final_address(server):
    download = fetch(server.base + "/moved")
    assert download.content == SAMPLE
    assert download.url == server.base + "/export.csv"


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "10.1.2.3",
        "192.168.1.10",
        "172.16.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:10.0.0.1]",
        "[fe80::1]",
        "[fc00::1]",
        "[64:ff9b::a00:1]",
        "[2002:7f00:1::]",
        # What the resolver reads as 127.0.0.1.
        "2130706433",
        "0x7f.1",
        "0177.0.0.1",
    ],
)
def test_it_refuses_private_and_loopback_addresses_without_connecting(
    host, server, settings, connections
):
    settings.SOURCES_FETCH_ALLOWED_NETWORKS = []
    with pytest.raises(FetchError, match="adresse privée ou réservée"):
        fetch(f"http://{host}:{server.server_port}/export.csv")
    assert connections == []
    assert server.requests == []


def test_a_name_resolving_to_a_private_address_among_public_ones_is_refused(
    server, monkeypatch, connections
):
    def resolver(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.8.8", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    with pytest.raises(FetchError, match=r"« partner\.example » mène à une adresse privée"):
        fetch("https://partner.example/export.csv")
    assert connections == []


def test_it_connects_to_the_address_it_checked_and_sends_the_name(server, monkeypatch, connections):
    def resolver(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    download = fetch(f"http://partner.example:{server.server_port}/export.csv")
    assert download.content == SAMPLE
    assert connections == ["127.0.0.1"]
    assert server.requests == [("/export.csv", f"partner.example:{server.server_port}")]


@pytest.mark.parametrize("path", ["/to-metadata", "/to-other-loopback"])
def test_a_redirect_to_a_private_address_is_refused(path, server, connections):
    with pytest.raises(FetchError, match="adresse privée ou réservée"):
        fetch(server.base + path)
    assert connections == ["127.0.0.1"]
    assert [request[0] for request in server.requests] == [path]


def test_a_redirect_to_another_scheme_is_refused(server):
    with pytest.raises(FetchError, match="Seules les adresses http:// et https://"):
        fetch(server.base + "/to-file")


def test_it_follows_a_few_redirects_only(server):
    with pytest.raises(FetchError, match="Trop de redirections"):
        fetch(server.base + "/loop")
    assert len(server.requests) == 6


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://partner.example/export.csv", "gopher://x/", "/export.csv"]
)
def test_other_schemes_are_refused(url, connections):
    with pytest.raises(FetchError, match="Seules les adresses http:// et https://"):
        fetch(url)
    assert connections == []


def test_a_file_announced_larger_than_the_limit_is_refused_before_reading(server):
    with pytest.raises(FetchError, match="dépasse la taille maximale de 1.0 Mo"):
        fetch(server.base + "/big")


def test_the_size_limit_stops_the_download_while_reading(server, settings):
    settings.SOURCES_FETCH_MAX_BYTES = 100_000
    with pytest.raises(FetchError, match="dépasse la taille maximale de 0.1 Mo"):
        fetch(server.base + "/endless")
    server.endless_done.wait(30)
    # The connection was closed long before the server's 64 MB were sent.
    assert server.endless_stopped_by_client


def test_an_error_status_is_reported(server):
    with pytest.raises(FetchError, match="Le serveur a répondu 404"):
        fetch(server.base + "/missing")


def test_a_server_that_never_answers_times_out(settings):
    settings.SOURCES_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.SOURCES_FETCH_TIMEOUT = 0.5
    # Connections are accepted by the system, never answered.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        with pytest.raises(FetchError, match=r"Pas de réponse complète de 127\.0\.0\.1 en 0\.5"):
            fetch(f"http://127.0.0.1:{port}/export.csv")


def test_an_https_address_of_a_server_without_tls_fails_cleanly(server, settings):
    settings.SOURCES_FETCH_TIMEOUT = 1
    with pytest.raises(FetchError, match="127.0.0.1"):
        fetch(f"https://127.0.0.1:{server.server_port}/export.csv")


def test_an_unknown_name_is_reported(monkeypatch):
    def resolver(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    with pytest.raises(FetchError, match="est introuvable"):
        fetch("http://nom-inconnu.invalid/export.csv")
