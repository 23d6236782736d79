"""The dashboards' benchmark: what it requests, measures and prints (not its timings)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import bench_dashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_portal():
    """A server answering every request with a page (500 for Grenoble); yields (port, paths)."""
    paths = []
    body = b"<html>tableau de bord</html>"

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            paths.append(self.path)
            self.send_response(500 if "38185" in self.path else 200)
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


def test_it_times_the_served_pages_and_the_computation_without_cache(fake_portal, make_initiative):
    make_initiative("Atelier", themes=["mobilite"], commune="commune-38563")
    port, paths = fake_portal
    cases = [
        bench_dashboard.DashboardCase("région", "region-84"),
        bench_dashboard.DashboardCase("ville cassée", "commune-38185"),
        bench_dashboard.DashboardCase("région, API", "region-84", api=True),
    ]
    region, broken, api = bench_dashboard.measure(port, rounds=3, warmup=1, cases=cases)
    assert paths[:3] == [
        "/territoires/region-84/",
        "/territoires/commune-38185/",
        "/api/v1/territoires/region-84/synthese/",
    ]
    assert len(paths) == 12
    assert (len(region.seconds), region.size, region.initiatives) == (3, 28, 1)
    assert len(region.computed) == 3
    assert region.met
    assert broken.errors == 3 and not broken.met
    lines = bench_dashboard.format_table([region, broken, api]).splitlines()
    assert lines[2].startswith("région") and "✓" in lines[2] and "< 300 ms" in lines[2]
    assert "(3 erreurs)" in lines[3]


def test_every_case_is_a_territory_of_the_sample(territory):
    for case in bench_dashboard.CASES:
        assert territory(case.key) is not None, case.label
