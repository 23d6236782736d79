"""The embeddable widget /widget/ and the page that builds its snippet, /integrer/."""

import re

import pytest

from tests.queries import count_queries

pytestmark = pytest.mark.django_db

WIDGET = "/widget/"


@pytest.fixture
def directory(make_initiative):
    for number in range(22):
        make_initiative(f"Atelier vélo {number:02d}", themes=["mobilite"], commune="commune-38185")
    make_initiative("Garage solidaire", themes=["mobilite"], commune="commune-69123")
    make_initiative("Cantine partagée", themes=["insertion"], commune="commune-38563")


def widget_names(html):
    return re.findall(
        r'<li>\s*<a href="/initiatives/[^"]+/" target="_blank" rel="noopener">([^<]+)</a>', html
    )


def list_names(client, params):
    response = client.get("/initiatives/", params)
    return [card.name for card in response.context["results"].page.object_list]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"thematique": "mobilite"},
        {"territoire": "departement-38"},
        {"territoire": "departement-38", "thematique": "insertion"},
        {"q": "garage"},
        {"tri": "nom"},
    ],
)
def test_the_widget_shows_the_first_initiatives_of_the_list(visitor, directory, params):
    response = visitor.get(WIDGET, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert widget_names(html) == list_names(visitor, params)


def test_every_link_opens_the_main_site_in_a_new_tab(visitor, directory):
    html = visitor.get(WIDGET, {"thematique": "mobilite"}).content.decode()
    links = re.findall(r"<a [^>]*>", html)
    assert len(links) == 21  # 20 initiatives and the whole list
    assert all('target="_blank" rel="noopener"' in link for link in links)
    assert (
        '<a href="/initiatives/?thematique=mobilite" target="_blank" rel="noopener">'
        "Voir les 23 initiatives sur Carrefour</a>"
    ) in html


def test_it_works_without_javascript_and_loads_nothing_from_elsewhere(visitor, directory):
    html = visitor.get(WIDGET, {"q": "garage"}).content.decode()
    assert "Garage solidaire" in html
    assert "1 initiative" in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/") for source in sources)


def test_only_the_widget_may_be_framed_by_other_sites(visitor, directory):
    widget = visitor.get(WIDGET)
    assert "X-Frame-Options" not in widget
    assert "frame-ancestors *" in widget["Content-Security-Policy"]
    assert "default-src 'self'" in widget["Content-Security-Policy"]
    for url in ("/initiatives/", "/integrer/", "/", "/donnees/initiatives.atom"):
        response = visitor.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], url


def test_the_widget_sets_no_cookie_even_for_a_logged_in_visitor(marie, directory):
    assert marie.get("/initiatives/").status_code == 200
    response = marie.get(WIDGET, {"thematique": "mobilite"})
    assert response.status_code == 200
    assert dict(response.cookies) == {}
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_the_widget_sets_no_cookie_for_a_visitor(visitor, directory):
    response = visitor.get(WIDGET)
    assert dict(response.cookies) == {}


def test_wrong_filters_are_named_in_french(visitor, directory):
    response = visitor.get(WIDGET, {"thematique": "inconnue"})
    assert response.status_code == 400
    assert "Thématiques :" in response.content.decode()


def test_the_widget_costs_the_same_queries_whatever_it_lists(client, make_initiative):
    make_initiative("Vélo solidaire", themes=["mobilite"], commune="commune-38563")
    params = {"thematique": "mobilite", "territoire": "departement-38"}
    few = count_queries(client, WIDGET, params)
    for number in range(25):
        make_initiative(f"Atelier {number:02d}", themes=["mobilite"], commune="commune-38185")
    # The version tokens, the themes, the publics, the territory, the search's
    # counts in the shared cache (not there), the search with its facets in one
    # statement, then the territory's outline (the map's first view).
    assert few == 7
    assert count_queries(client, WIDGET, params) == few


def test_the_integration_page_builds_the_snippet_of_the_filters_chosen(
    visitor, directory, settings
):
    response = visitor.get(
        "/integrer/", {"territoire": "Isère", "thematique": ["mobilite"], "hauteur": "600"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    src = "/widget/?territoire=departement-38&amp;thematique=mobilite"
    assert f'<iframe class="widget-preview" src="{src}"' in html
    assert 'height="600"' in html
    assert f"&lt;iframe src=&quot;{settings.SITE_URL}{src}" not in html  # escaped once only
    assert f'&lt;iframe src="{settings.SITE_URL}{src}"' in html
    assert 'width="100%" height="600"' in html
    assert 'name="territoire" id="id_territoire" value="Isère"' in html


def test_the_integration_page_defaults_to_the_whole_directory(visitor, directory, settings):
    html = visitor.get("/integrer/").content.decode()
    assert '<iframe class="widget-preview" src="/widget/"' in html
    assert f'&lt;iframe src="{settings.SITE_URL}/widget/" ' in html
    assert 'height="500"' in html


def test_the_integration_page_explains_a_wrong_place_and_shows_no_snippet(visitor, directory):
    response = visitor.get("/integrer/", {"territoire": "Nullepart-sur-Mer"})
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "widget-snippet" not in html
    assert 'value="Nullepart-sur-Mer"' in html


def test_every_page_links_to_the_integration_page(visitor):
    html = visitor.get("/").content.decode()
    assert '<a href="/integrer/">Intégrer les initiatives à votre site</a>' in html


def test_the_integration_page_names_the_territory_given_by_its_key(visitor, directory):
    html = visitor.get("/integrer/", {"territoire": "region-84"}).content.decode()
    assert 'name="territoire" id="id_territoire" value="Auvergne-Rhône-Alpes"' in html
    assert "/widget/?territoire=region-84" in html
