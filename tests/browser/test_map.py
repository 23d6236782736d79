"""Journeys on the map, in Chromium, on the demo directory."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

READY = "[data-directory-map][data-state='ready']"


def map_ready(page):
    page.wait_for_selector(READY)


def test_the_map_shows_the_demo_directory_in_groups_and_lists_what_is_in_view(page):
    page.goto("/carte/")
    map_ready(page)
    groups = page.locator(".map-group")
    assert groups.count() >= 2
    # Groups and initiatives have names for screen readers.
    assert re.fullmatch(r"\d+ lieux", groups.first.inner_text().split("\n")[-1])
    status = page.locator("[data-in-view-count]")
    assert "15 initiatives dans la zone affichée" in status.inner_text()
    assert page.locator("[data-in-view-list] li a").count() == 15
    assert page.locator("nav.pagination").is_hidden()


def test_filtering_by_a_theme_changes_the_markers(page):
    page.goto("/carte/")
    map_ready(page)
    before = page.locator(".leaflet-marker-icon").count()
    page.locator("aside.facets").get_by_role("link", name="Mobilité", exact=True).click()
    page.wait_for_url(re.compile(r"/carte/\?thematique=mobilite"))
    map_ready(page)
    # Wimoov alone, at each of its seven sites (some grouped at this zoom),
    # and once in the list.
    groups = [
        int(text.split("\n")[-1].split()[0])
        for text in page.locator(".map-group").all_inner_texts()
    ]
    markers = page.locator(".leaflet-marker-icon").count()
    assert markers < before
    assert sum(groups) + markers - len(groups) == 7
    assert page.locator("[data-in-view-list] li").all_inner_texts() == ["Wimoov Paris"]


def test_a_popup_leads_to_the_fiche(page):
    page.goto("/carte/?thematique=mobilite#12/48.8566/2.3522")
    map_ready(page)
    page.get_by_role("button", name="Wimoov (Paris)").click()
    popup = page.locator(".leaflet-popup")
    assert "Siège et plateforme de Paris, Paris" in popup.inner_text()
    assert "Mobilité" in popup.inner_text()
    popup.get_by_role("link", name="Wimoov").click()
    page.wait_for_url("**/initiatives/wimoov/")
    assert page.locator("h1").inner_text() == "Wimoov"


def test_a_group_zooms_in_from_the_keyboard(page):
    page.goto("/carte/")
    map_ready(page)
    zoom = int(page.url.split("#")[1].split("/")[0])
    group = page.locator(".map-group").first
    group.focus()
    with page.expect_response(lambda response: "/carte/donnees.geojson" in response.url):
        page.keyboard.press("Enter")
    map_ready(page)
    assert int(page.url.split("#")[1].split("/")[0]) > zoom


def test_the_address_keeps_the_view_and_filters_keep_it_too(page):
    page.goto("/carte/#11/45.7600/4.8400")
    map_ready(page)
    assert page.url.endswith("#11/45.7600/4.8400")
    # Three in Lyon, and Wimoov by its platform there.
    assert page.locator("[data-in-view-count]").inner_text().startswith("4 initiatives")
    link = page.locator("aside.facets").get_by_role("link", name="Agriculture et alimentation")
    assert link.get_attribute("href").endswith("#11/45.7600/4.8400")
    link.click()
    page.wait_for_url(re.compile(r"thematique=agriculture-alimentation#11/45\.7600/4\.8400$"))
    map_ready(page)
    names = page.locator("[data-in-view-list] li a").all_inner_texts()
    assert sorted(names) == ["Les Petites Cantines", "VRAC – Vers un réseau d’achat en commun"]


def test_list_and_map_switch_keeping_the_filters(page):
    page.goto("/initiatives/?thematique=cohesion-sociale&etape=essaimage")
    listed = page.locator(".results .card-title").all_inner_texts()
    page.get_by_role("link", name="Voir ces initiatives sur la carte").click()
    page.wait_for_url(re.compile(r"/carte/\?thematique=cohesion-sociale&etape=essaimage$"))
    map_ready(page)
    assert sorted(page.locator("[data-in-view-list] li a").all_inner_texts()) == sorted(listed)
    page.get_by_role("link", name="Voir ces initiatives en liste").click()
    page.wait_for_url(re.compile(r"/initiatives/\?thematique=cohesion-sociale&etape=essaimage$"))
    assert page.locator(".results .card-title").all_inner_texts() == listed


def test_a_proximity_search_from_a_commune(page):
    page.goto("/initiatives/")
    page.get_by_label("Autour de").fill("Lyon")
    page.get_by_label("Rayon (km)").fill("50")
    page.get_by_role("button", name="Rechercher", exact=True).last.click()
    page.wait_for_url(re.compile(r"pres_de=Lyon&rayon=50"))
    # Nearest first: the three initiatives of Lyon and Wimoov's platform there,
    # then those further away.
    distances = page.locator(".results .card .distance").all_inner_texts()
    assert distances[:4] == ["à moins d’1 km"] * 4
    kilometres = [int(text.split()[1]) for text in distances[4:]]
    assert kilometres and kilometres == sorted(kilometres) and kilometres[-1] <= 50
    assert page.get_by_text("À moins de 50 km de Lyon").is_visible()
    page.get_by_role("link", name="Voir ces initiatives sur la carte").click()
    map_ready(page)
    # The circle of the search is drawn; the list gives the distances.
    assert page.locator("path.leaflet-interactive, .leaflet-overlay-pane path").count() >= 1
    assert "à moins d’1 km" in page.locator("[data-in-view-list]").inner_text()


def test_the_fiche_offers_initiatives_around_it(page):
    page.goto("/initiatives/vrac/")
    page.get_by_role("link", name="Les initiatives autour de Lyon").click()
    page.wait_for_url(re.compile(r"/initiatives/\?pres_de=commune-69123$"))
    names = page.locator(".results .card-title").all_inner_texts()
    assert "VRAC – Vers un réseau d’achat en commun" in names
    assert "Wimoov" in names  # by its platform in Lyon
    # Acting on all of France, located in Paris: after those around Lyon, labelled.
    national = names.index("Dotation d’Action Territoriale")
    assert national > names.index("VRAC – Vers un réseau d’achat en commun")
    assert national > names.index("Wimoov")
    card = page.locator(".results .card").nth(national).inner_text()
    assert "Toute la France" in card and "agit à une échelle plus large" in card


def test_the_territory_page_draws_its_outline_and_initiatives(page):
    page.goto("/territoires/commune-69123/")
    map_ready(page)
    assert page.locator(".leaflet-overlay-pane path").count() >= 1
    assert page.locator(".leaflet-marker-icon").count() >= 1


def test_the_map_page_still_works_when_tiles_cannot_load(context, page, problems):
    problems.allow("Failed to load resource")
    context.route(re.compile(r"tile\.openstreetmap"), lambda route: route.abort())
    page.goto("/carte/?thematique=mobilite")
    map_ready(page)
    assert page.locator(".leaflet-marker-icon").count() >= 1
    assert page.locator("[data-in-view-list] li").count() == 1


def test_without_javascript_the_map_page_is_a_list(browser, live_url):
    context = browser.new_context(base_url=live_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/carte/?thematique=mobilite")
    assert page.locator("[data-in-view-list] li a").all_inner_texts() == ["Wimoov"]
    context.close()


def test_the_fiche_of_an_initiative_on_several_sites_maps_each_of_them(page):
    page.goto("/initiatives/wimoov/")
    assert page.get_by_text("Présente dans 7 communes").is_visible()
    # The map is drawn once it comes near the screen.
    page.locator(".fiche-aside .map").scroll_into_view_if_needed()
    markers = page.locator(".fiche-aside .leaflet-marker-icon")
    markers.nth(6).wait_for()
    assert markers.count() == 7
    assert markers.first.get_attribute("alt") == "Siège et plateforme de Paris (Paris)"
