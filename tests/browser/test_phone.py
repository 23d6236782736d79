"""On a phone (390×844) and with a keyboard, in Chromium, on the demo directory."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def top_of(page, selector):
    return page.locator(selector).first.bounding_box()["y"]


@pytest.mark.parametrize(
    ("url", "first_result"),
    [
        ("/initiatives/", "#resultats .card"),
        ("/initiatives/?thematique=mobilite&territoire=region-84", "#resultats .card"),
        ("/carte/", "#carte"),
    ],
)
def test_results_start_on_the_first_screen_of_a_phone(phone, url, first_result):
    phone.goto(url)

    assert top_of(phone, first_result) < PHONE["height"]
    filters = phone.locator("details.filters")
    assert filters.get_attribute("open") is None
    assert re.fullmatch(r"Filtres( \(\d+ actifs?\))?", filters.locator("summary").inner_text())


def test_the_filters_open_on_a_phone_and_sit_beside_the_results_on_a_wide_screen(phone):
    phone.goto("/initiatives/?thematique=mobilite")
    filters = phone.locator("details.filters")
    assert filters.locator("summary").inner_text() == "Filtres (1 actif)"
    assert not phone.get_by_label("Territoire").is_visible()

    filters.locator("summary").click()

    assert phone.get_by_label("Territoire").is_visible()
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.goto("/initiatives/")
    assert phone.get_by_label("Territoire").is_visible()
    assert phone.locator("aside.facets").is_visible()


def test_the_search_field_uses_the_width_of_a_phone(phone):
    phone.goto("/initiatives/")

    assert phone.locator("#id_q").bounding_box()["width"] > 0.8 * PHONE["width"]
    assert phone.locator("#header-q").bounding_box()["width"] > 0.6 * PHONE["width"]


def test_a_chip_removes_its_filter(phone):
    phone.goto("/initiatives/?thematique=mobilite&q=mobilit%C3%A9")
    chips = phone.locator("#resultats .active-filters a")
    assert chips.count() == 2

    chips.and_(phone.get_by_role("link", name="Mobilité (retirer ce filtre)")).click()

    phone.wait_for_url(re.compile(r"/initiatives/\?q=mobilit"))
    assert "thematique" not in phone.url
    assert phone.locator("#resultats .active-filters a").count() == 1
    assert phone.locator("details.filters summary").inner_text() == "Filtres"


def keys_until(page, predicate, keys, limit=10):
    """Press `keys` in turn (cycling) until `predicate` holds; the number pressed."""
    for pressed in range(1, limit + 1):
        page.keyboard.press(keys[(pressed - 1) % len(keys)])
        if page.evaluate(predicate):
            return pressed
    return None


def test_the_map_is_a_few_key_presses_away(phone):
    phone.goto("/carte/")
    phone.wait_for_selector("[data-directory-map][data-state='ready']")

    pressed = keys_until(
        phone,
        "document.activeElement.closest('#carte') !== null",
        ["Tab", "Enter", "Tab"],
    )

    assert pressed is not None and pressed <= 5


def test_the_results_are_a_few_key_presses_away(phone):
    phone.goto("/initiatives/?thematique=mobilite")

    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent") == "Aller aux résultats"
    assert phone.locator(".skip-link:focus").is_visible()
    phone.keyboard.press("Enter")
    phone.keyboard.press("Tab")

    assert phone.evaluate("document.activeElement.closest('#resultats') !== null")
