"""Every resource a page asks for is there: no 404 for an icon, a manifest or a script."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES = [
    "/",
    "/initiatives/",
    "/initiatives/?q=mobilit%C3%A9",
    "/initiatives/wimoov/",
    "/carte/",
    "/territoires/region-84/",
    "/acteurs/",
]


@pytest.mark.parametrize("url", PAGES)
def test_a_page_asks_only_for_resources_that_exist(page, live_url, url):
    failed = []
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.url.startswith(live_url)
            and failed.append(f"{response.status} {response.url}")
        ),
    )
    page.on("requestfailed", lambda request: failed.append(f"échec {request.url}"))

    page.goto(url, wait_until="networkidle")
    # What a browser fetches beside the page: its icons and its manifest.
    for link in page.locator("link[rel~='icon'], link[rel='manifest']").all():
        response = page.request.get(link.get_attribute("href"))
        if response.status >= 400:
            failed.append(f"{response.status} {link.get_attribute('href')}")

    assert failed == []
    assert page.locator("link[rel='manifest']").count() == 1


def test_links_in_text_are_told_apart_without_colour(page):
    page.goto("/initiatives/wimoov/")

    # Plain links in text; buttons and tags are told apart by their shape.
    links = page.locator("main p a:not([class]), main dd a:not([class]), .site-footer a")
    assert links.count() >= 3
    decorations = links.evaluate_all(
        "links => links.map(link => getComputedStyle(link).textDecorationLine)"
    )
    assert set(decorations) == {"underline"}


def test_map_markers_are_drawn_with_images_that_exist(page, live_url):
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.goto("/initiatives/wimoov/")
    page.locator(".map").scroll_into_view_if_needed()
    page.wait_for_selector(".map .leaflet-marker-icon")

    sources = page.locator(".map .leaflet-marker-icon").evaluate_all(
        "icons => icons.map(icon => icon.src)"
    )
    assert sources and all("/static/leaflet/images/marker-icon" in src for src in sources)
    assert failed == []
