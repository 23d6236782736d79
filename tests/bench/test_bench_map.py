"""The map's benchmark: what it requests, measures and prints (not its timings)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from bench import bench_map

COLLECTION = {
    "type": "FeatureCollection",
    "groupes": True,
    "total": 1234,
    "tronque": False,
    "liste": [],
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [2.35, 48.85]},
            "properties": {"nombre": 1234, "emprise": [2.0, 48.0, 3.0, 49.0]},
        }
    ],
}


@pytest.fixture
def fake_portal():
    """A server answering every map request with COLLECTION; yields (port, paths)."""
    paths = []
    body = json.dumps(COLLECTION).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            paths.append(self.path)
            status = 500 if "q=" in self.path else 200
            self.send_response(status)
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


def test_each_case_asks_for_a_viewport_at_a_zoom_with_its_filters():
    case = bench_map.MapCase("ville", 13, (4.73, 45.7, 4.95, 45.82), (("thematique", "mobilite"),))
    url = urlsplit(case.path)
    assert url.path == "/carte/donnees.geojson"
    assert parse_qs(url.query) == {
        "thematique": ["mobilite"],
        "bbox": ["4.73,45.7,4.95,45.82"],
        "zoom": ["13"],
    }


def test_it_times_each_case_and_records_what_came_back(fake_portal):
    port, paths = fake_portal
    cases = [
        bench_map.MapCase("France", 6, (-8.9, 40.6, 13.1, 52.3), national=True),
        bench_map.MapCase("cassé", 6, (-8.9, 40.6, 13.1, 52.3), (("q", "x"),)),
    ]
    france, broken = bench_map.measure(port, rounds=4, warmup=1, cases=cases)
    assert len(paths) == 10
    assert len(france.seconds) == 4
    assert france.size == len(json.dumps(COLLECTION))
    assert (france.total, france.features, france.grouped) == (1234, 1, True)
    assert france.met
    assert broken.errors == 4 and not broken.met
    table = bench_map.format_table([france, broken])
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["Carte", "Zoom", "Dans"]
    assert "1 234" in lines[2] and "1 groupes" in lines[2] and "✓" in lines[2]
    assert "< 300 ms, < 200 Ko" in lines[2]
    assert "(4 erreurs)" in lines[3]


def test_a_national_view_over_the_size_target_fails():
    measure = bench_map.MapMeasure(
        bench_map.CASES[0], seconds=[0.1] * 10, size=bench_map.TARGET_BYTES + 1
    )
    assert not measure.met
    measure.size = 10_000
    assert measure.met
    measure.seconds = [0.1] * 9 + [0.9]
    assert measure.p(0.95) > bench_map.TARGET_P95_MS
    assert not measure.met


def test_the_number_in_view_says_when_it_is_a_bound_or_an_estimate():
    measure = bench_map.MapMeasure(bench_map.CASES[0], seconds=[0.1] * 3, size=10_000)
    measure.record({**COLLECTION, "total": 10_000, "total_exact": False})
    assert "> 10 000" in bench_map.format_table([measure]).splitlines()[2]
    measure.record({**COLLECTION, "total": 75_000, "total_exact": False, "estime": True})
    line = bench_map.format_table([measure]).splitlines()[2]
    assert "≈ 75 000" in line and "1 groupes estimés" in line
