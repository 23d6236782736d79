"""The widget framed by a page of another origin, and the page that builds it."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# A partner's page: the widget, and a page of the site that must refuse framing.
PARTNER_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Site partenaire</title></head>
<body><h1>Notre commune</h1>
<iframe id="module" src="{live}/widget/?thematique=mobilite" title="Initiatives"
        width="100%" height="500"></iframe>
<iframe id="refuse" src="{live}/initiatives/" title="Liste" width="100%" height="300"></iframe>
</body></html>
"""


@pytest.fixture
def partner_site(live_url):
    """The address of a page served from another origin (another port)."""
    body = PARTNER_PAGE.format(live=live_url).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_widget_shows_inside_a_page_of_another_origin_and_other_pages_refuse(
    context, page, problems, partner_site
):
    # The partner's page is on this machine too: let it through.
    context.route(f"{partner_site}/**", lambda route: route.continue_())
    # The list refuses to be framed: the browser says so in the console.
    problems.allow("frame-ancestors")
    problems.allow("X-Frame-Options")
    page.goto(f"{partner_site}/")
    module = page.frame_locator("#module")
    items = module.locator(".widget-list li a")
    items.first.wait_for()
    assert items.count() >= 1
    assert all(link.get_attribute("target") == "_blank" for link in items.all())
    assert module.locator(".widget-more a").inner_text() == "Voir l’initiative sur Carrefour"
    # With JavaScript, the map of the same search.
    module.locator("[data-directory-map][data-state='ready']").wait_for()
    # The list's page is not shown in the partner's frame.
    refused = page.locator("#refuse").element_handle().content_frame()
    assert refused.locator("h1", has_text="Les initiatives").count() == 0
    # Chromium shows its error page in place of a page that refuses framing.
    assert refused.url == "chrome-error://chromewebdata/"


def test_the_widget_is_readable_without_javascript(browser, live_url):
    context = browser.new_context(base_url=live_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/widget/?thematique=mobilite")
    assert page.locator(".widget-list li a").count() >= 1
    context.close()


def test_the_integration_page_previews_the_widget_and_copies_its_snippet(page, axe, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/integrer/?territoire=region-84&thematique=mobilite")
    preview = page.frame_locator("iframe.widget-preview")
    preview.locator(".widget-list li a").first.wait_for()
    snippet = page.locator("#widget-snippet").input_value()
    assert snippet.startswith('<iframe src="http')
    assert "/widget/?territoire=region-84&thematique=mobilite" in snippet
    page.get_by_role("button", name="Copier").click()
    page.get_by_text("Code copié").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == snippet
    assert axe() == []


def test_the_widget_map_opens_fiches_in_a_new_tab(page, axe):
    page.goto("/widget/?thematique=mobilite&territoire=commune-75056")
    page.wait_for_selector("[data-directory-map][data-state='ready']")
    assert axe() == []
    page.get_by_role("button", name="Wimoov (Paris)").click()
    link = page.locator(".leaflet-popup").get_by_role("link", name="Wimoov")
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener"


def test_a_partner_picks_a_territory_among_the_suggestions(page):
    page.goto("/integrer/")
    page.get_by_role("combobox", name="Territoire").fill("Isère")
    page.get_by_role("option", name="Isère").first.click()
    page.get_by_role("button", name="Voir l’aperçu").click()
    page.wait_for_url("**/integrer/?**")
    assert "/widget/?territoire=departement-38" in page.locator("#widget-snippet").input_value()
