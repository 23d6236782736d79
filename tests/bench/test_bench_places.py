"""The place suggestions' benchmark: what it requests and prints (not its timings)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import bench_places

ANSWER = {"results": [{"key": "epci-200018166", "description": "Le Grésivaudan — EPCI"}]}


@pytest.fixture
def fake_portal():
    """A server answering every request with ANSWER; yields (port, paths)."""
    paths = []
    body = json.dumps(ANSWER).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            paths.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], paths
    server.shutdown()
    server.server_close()


def test_it_times_each_case_and_prints_the_first_suggestion(fake_portal):
    port, paths = fake_portal
    cases = [bench_places.PlaceCase("un mot", "gresivaudan")]
    (measure,) = bench_places.measure(port, rounds=3, warmup=1, cases=cases)
    assert paths[0] == "/territoires/suggestions/?q=gresivaudan"
    assert len(measure.seconds) == 3 and measure.met
    line = bench_places.format_table([measure]).splitlines()[2]
    assert "« gresivaudan »" in line and "Le Grésivaudan — EPCI" in line and "✓" in line


@pytest.mark.django_db
@pytest.mark.parametrize("case", bench_places.CASES, ids=lambda case: case.text)
def test_every_case_finds_a_place(visitor, case):
    assert visitor.get(case.path).json()["results"]
