"""manage.py import_source and refresh_sources, as an operator runs them: files,
URLs (a real HTTP server on 127.0.0.1), dry runs, unreadable files, the SSRF
guard, and the privacy of every imported email."""

import datetime
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from initiatives.models import Initiative
from sources.models import Source, SourceListing
from sources.readers import read

SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
CIS = str(SAMPLES / "cis-sample.csv")
GOGOCARTO = str(SAMPLES / "gogocarto-sample.json")


def run(*args):
    out = io.StringIO()
    call_command("import_source", *args, stdout=out)
    return out.getvalue()


class Partner(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append(self.path)
        if self.path != "/export.csv":
            return self.send_error(404)
        body = Path(CIS).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/csv; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def partner(settings):
    settings.SOURCES_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Partner)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_it_creates_the_source_prints_the_plan_and_records_the_run(db):
    output = run(CIS, "--format", "cis-csv", "--source", "Fondation des Possibles", "--publish")

    assert "17 créées" in output
    assert "refusée — ligne 12 : nom du projet manquant" in output
    assert "alerte — ligne 10" in output
    source = Source.objects.get(slug="fondation-des-possibles")
    assert source.trust == Source.Trust.PUBLISH
    assert source.last_run_status == Source.Outcome.WARNINGS
    assert source.last_run_summary.startswith("17 créées")
    assert Initiative.objects.published().count() == 17

    again = run(CIS, "--format", "cis-csv", "--source", "Fondation des Possibles")
    assert "0 créées, 0 mises à jour" in again and "17 inchangées" in again
    assert "Rien ne change" in again
    assert Initiative.objects.count() == 17


def test_a_dry_run_prints_the_plan_and_writes_nothing(db):
    output = run(CIS, "--format", "cis-csv", "--source", "Fondation des Possibles", "--dry-run")

    assert "17 créées" in output
    assert "rien n’a été écrit" in output
    assert not Source.objects.exists()
    assert not Initiative.objects.exists()
    assert not SourceListing.objects.exists()


def test_an_unreadable_file_changes_nothing_and_says_why(db):
    with pytest.raises(CommandError) as error:
        run(str(SAMPLES / "broken-no-name-column.csv"), "--format", "cis-csv", "--source", "X")

    assert "nom" in str(error.value).lower()
    assert not Source.objects.exists()
    assert not Initiative.objects.exists()


def test_a_missing_file_is_reported(db):
    with pytest.raises(CommandError, match="Fichier illisible"):
        run(str(SAMPLES / "absent.csv"), "--format", "cis-csv", "--source", "X")


def test_it_imports_from_a_url(partner, db):
    url = f"http://127.0.0.1:{partner.server_port}/export.csv"

    output = run(url, "--format", "cis-csv", "--source", "Fondation des Possibles")

    assert "17 créées" in output
    assert partner.requests == ["/export.csv"]
    assert Initiative.objects.count() == 17


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9/export.csv", "http://10.20.30.40/export.csv", "file:///etc/passwd"]
)
def test_a_private_address_is_refused_before_any_connection(url, settings, connections, db):
    settings.SOURCES_FETCH_ALLOWED_NETWORKS = []

    with pytest.raises(CommandError):
        run(url, "--format", "cis-csv", "--source", "Fondation des Possibles")

    assert connections == []
    assert not Initiative.objects.exists()


def test_refresh_sources_imports_the_due_sources_and_goes_on_after_a_failure(partner, db):
    url = f"http://127.0.0.1:{partner.server_port}/export.csv"
    due = Source.objects.create(
        name="Due", slug="due", format="cis-csv", export_url=url, refresh_days=7
    )
    broken = Source.objects.create(
        name="Absente",
        slug="absente",
        format="cis-csv",
        export_url=f"http://127.0.0.1:{partner.server_port}/absent.csv",
        refresh_days=7,
    )
    lost = Source.objects.create(
        name="Fichier perdu",
        slug="fichier-perdu",
        format="cis-csv",
        export_file="exports/perdu.csv",
        refresh_days=7,
    )
    recent = Source.objects.create(
        name="Récente",
        slug="recente",
        format="cis-csv",
        export_url=url,
        refresh_days=7,
        last_run_at=timezone.now() - datetime.timedelta(days=1),
    )
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="2 source"):
        call_command("refresh_sources", stdout=out, stderr=err)

    assert "Due : 17 créées" in out.getvalue()
    assert "Absente : échec" in err.getvalue()
    assert "Fichier perdu : échec" in err.getvalue()
    for source in (due, broken, lost, recent):
        source.refresh_from_db()
    assert due.last_run_status == Source.Outcome.WARNINGS
    assert broken.last_run_status == lost.last_run_status == Source.Outcome.FAILED
    assert not recent.listings.exists()


def test_no_imported_email_appears_on_any_public_page(visitor, db):
    run(CIS, "--format", "cis-csv", "--source", "Fondation des Possibles", "--publish")
    run(GOGOCARTO, "--format", "gogocarto-json", "--source", "Près de chez nous", "--publish")
    emails = {
        row.private_email
        for name, format in ((CIS, "cis-csv"), (GOGOCARTO, "gogocarto-json"))
        for row in read(Path(name).read_bytes(), format).rows
        if row.private_email
    }
    assert len(emails) == 3
    # Stored as private contacts (the linked Repair Café keeps its own fiche's).
    assert set(
        Initiative.objects.exclude(contact_email="").values_list("contact_email", flat=True)
    ) == {
        "direction@wimoov.example",
        "coordination@vrac.example",
    }
    pages = [
        "/",
        "/initiatives/",
        "/initiatives/?source=fondation-des-possibles",
        "/carte/",
        "/carte/donnees.geojson",
        "/sources/",
        "/sitemap.xml",
        "/sitemap-initiatives.xml",
        "/sitemap-sources.xml",
        *(source.get_absolute_url() for source in Source.objects.all()),
        *(initiative.get_absolute_url() for initiative in Initiative.objects.all()),
    ]
    for page in pages:
        response = visitor.get(page)
        assert response.status_code == 200, page
        content = response.content.decode()
        for email in emails:
            assert email not in content, page
