"""The API's benchmark: what it requests, measures and prints (not its timings)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from bench import bench_api
from initiatives import directory

PAGE = {"total": 4321, "page": 1, "resultats": []}


@pytest.fixture
def fake_portal():
    """A server answering every request with PAGE (500 for `q`); yields (port, paths)."""
    paths = []
    body = json.dumps(PAGE).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            paths.append(self.path)
            self.send_response(500 if "q=" in self.path else 200)
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


def test_it_times_each_case_and_records_the_total(fake_portal):
    port, paths = fake_portal
    cases = [bench_api.ApiCase("tout"), bench_api.ApiCase("cassé", (("q", "x"),))]
    everything, broken = bench_api.measure(port, rounds=4, warmup=1, cases=cases)
    assert paths[:2] == ["/api/v1/initiatives/", "/api/v1/initiatives/?q=x"]
    assert len(paths) == 10
    assert (len(everything.seconds), everything.total) == (4, 4321)
    assert everything.met
    assert broken.errors == 4 and not broken.met
    lines = bench_api.format_table([everything, broken]).splitlines()
    assert "4 321" in lines[2] and "✓" in lines[2] and "< 200 ms" in lines[2]
    assert "(4 erreurs)" in lines[3]


@pytest.mark.django_db
def test_every_case_is_a_search_the_list_page_accepts(make_actor):
    for case in bench_api.CASES:
        params = {name: value for name, value in case.params if name != "par_page"}
        found = directory.search(QueryDict(urlencode(params)))
        assert not found.filter.errors, case.label
