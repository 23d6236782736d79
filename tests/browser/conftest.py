"""Browser tests: Playwright drives the system Chromium against a live server.

The demo directory is loaded and committed once for this package, served by a
live server thread, and deleted after the last browser test. pytest-django's
`live_server` is not used: it needs `transactional_db`, which empties every
table after each test, the territories and the taxonomy of the test database
with them, which the rest of the suite relies on (and `serialized_rollback`
would reload 37,000 territories after each test). Browser tests only read, so
committed demo data is enough, and the other tests never see it: each of them
runs inside a transaction opened after this package has cleaned up.

Browser tests are marked `django_db` so that the test database is set up even
when they run alone (each runs in a transaction of its own that it never uses).

Every page a test opens is watched: a console error, an uncaught exception or
a Content-Security-Policy violation fails the test. No request leaves the
machine: map tiles get a blank local image, anything else foreign is refused.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.db import connection
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings

from actors.models import Actor, Programme
from carrefour.models import RateLimit
from initiatives.models import Initiative, SearchTerm
from sources.models import Source

CHROMIUM = os.getenv("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# A transparent 1×1 PNG, for every map tile.
BLANK_TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a800"
    "00000049454e44ae426082"
)
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def _empty_directory():
    # Never anything but a test database: these tables are emptied.
    name = connection.settings_dict["NAME"]
    if not name.startswith("test_"):
        raise RuntimeError(f"Les tests du navigateur refusent de vider la base {name}.")
    Source.objects.all().delete()
    Initiative.objects.all().delete()
    Actor.objects.all().delete()
    Programme.objects.all().delete()
    SearchTerm.objects.all().delete()
    # Sign-ups, resets and contact requests made in the browser count against
    # the abuse limits.
    RateLimit.objects.all().delete()


@pytest.fixture(scope="package")
def live_url(django_db_setup, django_db_blocker):
    """The address of a live server of the demo directory."""
    with django_db_blocker.unblock():
        _empty_directory()
        call_command("load_demo", verbosity=0)
        hosts = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
        with override_settings(ALLOWED_HOSTS=hosts):
            server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
            server.daemon = True
            server.start()
            server.is_ready.wait()
            if server.error:
                raise server.error
            try:
                yield f"http://127.0.0.1:{server.port}"
            finally:
                server.terminate()
                _empty_directory()


@pytest.fixture(scope="package")
def browser(live_url):
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium introuvable ({CHROMIUM}) : `make test` l’installe "
            "(scripts/system-packages --browser)."
        )
    # Playwright's event loop lives in this thread, where Django would then
    # refuse the (unused) transaction of each test; the site runs in the live
    # server's thread, which keeps Django's guard.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Problems(list):
    """What went wrong in the pages of a test; `allow()` excuses expected messages."""

    def __init__(self):
        super().__init__()
        self.allowed = []

    def allow(self, fragment):
        self.allowed.append(fragment)

    def add(self, text):
        if not any(fragment in text for fragment in self.allowed):
            self.append(text)


@pytest.fixture
def problems():
    return Problems()


@pytest.fixture
def context(browser, live_url, problems):
    context = browser.new_context(
        base_url=live_url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)

    def route(route):
        request = route.request
        if request.url.startswith(live_url):
            route.continue_()
        elif request.resource_type == "image":
            route.fulfill(body=BLANK_TILE, content_type="image/png")
        else:
            problems.add(f"requête vers l’extérieur : {request.url}")
            route.abort()

    context.route("**/*", route)
    context.expose_binding(
        "reportViolation", lambda _source, text: problems.add(f"violation de la CSP : {text}")
    )
    context.add_init_script(REPORT_VIOLATIONS)
    yield context
    context.close()


@pytest.fixture
def page(context, problems):
    """A page in French; the test fails on any console error or CSP violation."""
    page = context.new_page()
    page.on(
        "console",
        lambda message: message.type == "error" and problems.add(f"console : {message.text}"),
    )
    page.on("pageerror", lambda error: problems.add(f"exception : {error}"))
    yield page
    page.close()
    assert list(problems) == [], "\n".join(problems)


@pytest.fixture
def axe(page):
    """Run axe-core on the current page; its violations of serious or critical impact."""
    if not AXE.exists():
        pytest.fail(f"{AXE} manque : `make test` l’installe (npm ci).")
    source = AXE.read_text(encoding="utf-8")

    def run():
        # Evaluated through the DevTools protocol: an injected <script> would be
        # refused by the page's own Content-Security-Policy, rightly.
        page.evaluate(source)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        return [
            f"{violation['id']} ({violation['impact']}) : {violation['help']} — "
            + " | ".join(node["target"][0] for node in violation["nodes"][:5])
            for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")
        ]

    return run
