"""The interface in French (addresses without prefix) and English (under /en/);
content stays in the language it was written in."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_the_english_version_of_a_page_speaks_english(visitor):
    html = visitor.get("/en/initiatives/").content.decode()
    assert '<html lang="en">' in html
    assert "Search for an initiative" in html
    assert "Rechercher une initiative" not in html


def test_french_addresses_stay_french_whatever_the_browser_prefers(visitor):
    response = visitor.get("/initiatives/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Rechercher une initiative" in html


def test_every_page_names_its_versions_for_search_engines_and_people(visitor, settings):
    settings.SITE_URL = "https://carrefour.example.org"
    html = visitor.get("/initiatives/?q=mobilit%C3%A9&page=1").content.decode()
    query = "?q=mobilit%C3%A9&amp;page=1"
    base = "https://carrefour.example.org"
    assert f'<link rel="alternate" hreflang="fr" href="{base}/initiatives/{query}">' in html
    assert f'<link rel="alternate" hreflang="en" href="{base}/en/initiatives/{query}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{base}/initiatives/{query}">' in html
    # The switch leads to the same search in English, and back.
    assert f'<a href="/en/initiatives/{query}" hreflang="en" lang="en">English</a>' in html
    english = visitor.get("/en/initiatives/?q=mobilit%C3%A9&page=1").content.decode()
    assert f'<a href="/initiatives/{query}" hreflang="fr" lang="fr">Français</a>' in english


def test_a_fiche_keeps_the_language_it_was_written_in(visitor, make_initiative):
    make_initiative(
        "Garage solidaire", description="Des réparations à prix coûtant.", commune="commune-38563"
    )
    html = visitor.get("/en/initiatives/garage-solidaire/").content.decode()
    assert "Des réparations à prix coûtant." in html
    assert "Report an error" in html
    assert "Signaler une erreur" not in html


def test_the_english_map_loads_the_english_strings_of_its_script(visitor):
    french = visitor.get("/jsi18n/").content.decode()
    english = visitor.get("/en/jsi18n/").content.decode()
    assert "Zoom in" in english
    assert "Zoom in" not in french


def test_numbers_and_dates_follow_the_language():
    page = Template('{% load carrefour_tags %}{{ count|thousands }} · {{ day|date:"DATE_FORMAT" }}')
    context = Context({"count": 12345, "day": datetime.date(2026, 12, 4)})
    with translation.override("fr"):
        assert page.render(context) == "12\u202f345 · 4 décembre 2026"
    with translation.override("en"):
        assert page.render(context) == "12,345 · Dec. 4, 2026"


def test_machine_addresses_have_no_english_copy(visitor):
    assert visitor.get("/api/v1/initiatives/").status_code == 200
    assert visitor.get("/en/api/v1/initiatives/").status_code == 404
    assert visitor.get("/en/sante/").status_code == 404


def test_a_fiche_writes_its_dates_as_its_page_language_does(visitor, make_initiative):
    fiche = make_initiative("Garage solidaire", commune="commune-38563")
    fiche.mark_verified(datetime.datetime(2026, 3, 5, 12, tzinfo=datetime.UTC))
    french = visitor.get("/initiatives/garage-solidaire/").content.decode()
    english = visitor.get("/en/initiatives/garage-solidaire/").content.decode()
    assert "5 mars 2026" in french
    assert "March 5, 2026" in english
    assert "5 March 2026" not in english


def test_result_cards_link_to_the_fiche_and_its_themes_in_the_language_of_their_page(
    visitor, make_initiative
):
    make_initiative("Vélo grenoblois", themes=["mobilite"])
    english = visitor.get("/en/initiatives/", {"q": "velo"}).content.decode()
    french = visitor.get("/initiatives/", {"q": "velo"}).content.decode()
    assert '<a href="/en/initiatives/velo-grenoblois/">Vélo grenoblois</a>' in english
    assert '<a href="/initiatives/velo-grenoblois/">Vélo grenoblois</a>' in french
    # Its themes too.
    assert '<ul class="tags"><li><a href="/en/thematiques/mobilite/">' in english
    assert '<ul class="tags"><li><a href="/thematiques/mobilite/">' in french


def test_a_territory_page_links_its_cards_in_its_own_language_after_the_other_one(
    visitor, make_initiative
):
    make_initiative("Vélo grenoblois", themes=["mobilite"], commune="commune-38185")
    english = visitor.get("/en/territoires/commune-38185/").content.decode()
    french = visitor.get("/territoires/commune-38185/").content.decode()
    assert '<a href="/en/initiatives/velo-grenoblois/">Vélo grenoblois</a>' in english
    assert '<a href="/initiatives/velo-grenoblois/">Vélo grenoblois</a>' in french
    assert '<li><a href="/thematiques/mobilite/">' in french
