"""Lighthouse (mobile preset, Debian Chromium) on the portal's main pages, as in production.

Run by `make lighthouse`: the portal is served by gunicorn with DEBUG off and its
static files collected, on the local database prepared with the demo directory
(`manage.py prepare_portal`); map tiles come from a local tile server, so that
nothing leaves the machine and the scores do not depend on a tile provider.
Prints one row per page: accessibility, best practices, SEO and performance,
each with ✓ or ✗ against its target; exits 1 when a target is missed.

LIGHTHOUSE_PAGES=/,/carte/ limits the run; LIGHTHOUSE_REPORTS=dir keeps the HTML reports.
"""

import io
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.getenv("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PAGES = [
    ("accueil", "/"),
    ("recherche", "/initiatives/?q=mobilit%C3%A9"),
    ("fiche", "/initiatives/wimoov/"),
    ("carte", "/carte/"),
    ("territoire", "/territoires/departement-69/"),
]
CATEGORIES = [
    ("accessibility", "accessibilité", 100),
    ("best-practices", "bonnes pratiques", 100),
    ("seo", "SEO", 100),
    ("performance", "performance", 95),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tile():
    """A 256×256 PNG of the map's land colour, for every tile."""
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (256, 256), (242, 239, 233)).save(png, "PNG", optimize=True)
    return png.getvalue()


def serve_tiles(port):
    body = tile()

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "public, max-age=86400")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def portal_env(port, tiles_port, static_root):
    tiles = f"http://127.0.0.1:{tiles_port}"
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(static_root),
        "TILES_URL": tiles + "/{z}/{x}/{y}.png",
        "TILES_ORIGIN": tiles,
        "EMAIL_BACKEND": "console",
    }


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} ne répond pas")


def audit(url, reports, attempts=3):
    """Lighthouse's result for `url`; tried again when Chromium's trace fails
    ("NO_NAVSTART"), which happens now and then on a busy machine."""
    for attempt in range(attempts):
        try:
            return audit_once(url, reports)
        except subprocess.CalledProcessError:
            if attempt == attempts - 1:
                raise
    return None


def audit_once(url, reports):
    with tempfile.TemporaryDirectory() as profile:
        output = Path(profile) / "report"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                f"--chrome-path={CHROMIUM}",
                f"--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                f"--user-data-dir={profile}/chromium",
                "--only-categories=" + ",".join(key for key, _label, _target in CATEGORIES),
                "--output=json",
                "--output=html",
                f"--output-path={output}",
                "--quiet",
            ],
            check=True,
        )
        result = json.loads(Path(f"{output}.report.json").read_text())
        if reports:
            name = url.split("/", 3)[-1].strip("/").replace("/", "_").split("?")[0] or "accueil"
            shutil.copy(f"{output}.report.html", Path(reports) / f"{name}.html")
            shutil.copy(f"{output}.report.json", Path(reports) / f"{name}.json")
    return result


def failing_audits(result, category):
    """The audits that cost points in a category: "id (score)"."""
    refs = result["categories"][category]["auditRefs"]
    audits = result["audits"]
    return [
        f"{ref['id']} ({audits[ref['id']]['score']})"
        for ref in refs
        if ref["weight"]
        and audits[ref["id"]]["score"] is not None
        and audits[ref["id"]]["score"] < 1
    ]


def main():
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} manque : `make lighthouse` l’installe (npm ci).")
    wanted = os.getenv("LIGHTHOUSE_PAGES")
    pages = [p for p in PAGES if not wanted or p[1] in wanted.split(",")]
    reports = os.getenv("LIGHTHOUSE_REPORTS")
    if reports:
        Path(reports).mkdir(parents=True, exist_ok=True)
    port, tiles_port = free_port(), free_port()
    tiles = serve_tiles(tiles_port)
    with tempfile.TemporaryDirectory() as static_root:
        env = portal_env(port, tiles_port, static_root)
        manage = [str(PYTHON), "manage.py"]
        subprocess.run([*manage, "prepare_portal"], env=env, cwd=ROOT, check=True)
        subprocess.run(
            [*manage, "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
        )
        server = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "carrefour.wsgi",
                f"--bind=127.0.0.1:{port}",
                "--workers=2",
                "--log-level=warning",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/")
            rows = []
            for name, path in pages:
                result = audit(base + path, reports)
                scores = {
                    key: round((result["categories"][key]["score"] or 0) * 100)
                    for key, _label, _target in CATEGORIES
                }
                rows.append((name, path, scores, result))
        finally:
            server.terminate()
            server.wait(timeout=30)
            tiles.shutdown()
    missed = print_table(rows)
    sys.exit(1 if missed else 0)


def say(line):
    sys.stdout.write(line + "\n")


def print_table(rows):
    labels = [label for _key, label, _target in CATEGORIES]
    say(f"{'page':<12} " + " ".join(f"{label:>17}" for label in labels))
    missed = []
    for name, path, scores, result in rows:
        cells = []
        for key, _label, target in CATEGORIES:
            ok = scores[key] >= target
            cells.append(f"{scores[key]:>15} {'✓' if ok else '✗'}")
            if not ok:
                missed.append(f"{name} {path} · {key} : " + ", ".join(failing_audits(result, key)))
        say(f"{name:<12} " + " ".join(cells))
    targets = ", ".join(f"{label} ≥ {target}" for _key, label, target in CATEGORIES)
    say(f"Objectifs : {targets}.")
    for line in missed:
        say(line)
    return missed


if __name__ == "__main__":
    main()
