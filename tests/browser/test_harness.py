"""The browser harness itself: what it must catch, it catches."""

import pytest
from playwright.sync_api import Error as PlaywrightError

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_it_catches_content_security_policy_violations(page, problems):
    page.goto("/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
        }"""
    )
    page.wait_for_timeout(200)
    assert not page.evaluate("window.injected === true")
    assert any(problem.startswith("violation de la CSP : script-src") for problem in problems)
    problems.clear()


def test_it_catches_console_errors(page, problems):
    page.goto("/")
    page.evaluate("console.error('panne')")
    assert problems == ["console : panne"]
    problems.clear()


def test_no_request_leaves_the_machine(page, problems):
    with pytest.raises(PlaywrightError):
        page.goto("https://example.org/")
    assert problems == ["requête vers l’extérieur : https://example.org/"]
    problems.clear()


def test_map_tiles_get_a_local_blank_image(page):
    page.goto("/")
    size = page.evaluate(
        """async () => {
          const image = new Image();
          image.src = "https://a.tile.openstreetmap.fr/osmfr/5/16/11.png";
          await image.decode();
          return [image.naturalWidth, image.naturalHeight];
        }"""
    )
    assert size == [1, 1]
