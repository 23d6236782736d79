"""Territory, theme, actor and home pages; sitemap, robots and security headers."""

import pytest

from actors.models import Actor
from carrefour.sitemaps import InitiativeSitemap
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def test_the_territory_page_lists_initiatives_there_with_counts_by_theme(visitor, make_initiative):
    make_initiative("Épicerie de Voiron", themes=["commerce"], commune="commune-38563")
    make_initiative("Réseau national", themes=["mobilite"], is_national=True)
    make_initiative("Cantine lyonnaise", themes=["commerce"], commune="commune-69123")
    response = visitor.get("/territoires/commune-38563/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Voiron</h1>" in html
    assert "Épicerie de Voiron" in html
    assert "Réseau national" in html
    assert "Cantine lyonnaise" not in html
    assert "agit à une échelle plus large" in html
    assert "Communauté d&#x27;agglomération du Pays Voironnais" in html
    themes = {facet.value.slug: facet.count for facet in response.context["results"].themes}
    assert themes == {"developpement-economique": 1, "cadre-de-vie": 1}


def test_territory_urls_need_the_type_and_the_code(visitor, db):
    assert visitor.get("/territoires/region-84/").status_code == 200
    assert visitor.get("/territoires/departement-38/").status_code == 200
    assert visitor.get("/territoires/epci-243800984/").status_code == 200
    assert visitor.get("/territoires/84/").status_code == 404
    assert visitor.get("/territoires/commune-00000/").status_code == 404
    assert visitor.get("/territoires/pays-fr/").status_code == 404


def test_the_territory_page_has_a_constant_number_of_queries(visitor, make_initiative):
    make_initiative("Épicerie 1", themes=["commerce"], commune="commune-38563")
    few = count_queries(visitor, "/territoires/departement-38/")
    for number in range(2, 12):
        make_initiative(f"Épicerie {number}", themes=["commerce"], commune="commune-38563")
    assert count_queries(visitor, "/territoires/departement-38/") == few


def test_the_theme_page_lists_initiatives_of_its_thematiques(visitor, make_initiative):
    make_initiative("Vélo solidaire", themes=["mobilite"])
    make_initiative("Chorale", themes=["culture"])
    make_initiative("Épicerie", themes=["commerce"])
    html = visitor.get("/thematiques/cadre-de-vie/").content.decode()
    assert "Vélo solidaire" in html and "Chorale" in html
    assert "Épicerie" not in html
    assert visitor.get("/thematiques/inconnue/").status_code == 404


def test_the_theme_index_counts_initiatives_by_domaine(visitor, make_initiative):
    make_initiative("Vélo solidaire", themes=["mobilite"])
    html = visitor.get("/thematiques/").content.decode()
    assert "Cadre de vie" in html
    assert "Mobilité" in html


def test_the_actor_page_shows_what_it_supports(
    visitor, make_initiative, make_actor, make_programme
):
    bpifrance = make_actor("Bpifrance", kind=Actor.Kind.PUBLIC_FUNDER, description="Banque.")
    make_programme("FISO", actors=[bpifrance], summary="Prêts à taux zéro.")
    make_initiative("Alter'Incub", actors=[(bpifrance, "financeur")])
    make_initiative("Cantine")
    make_initiative("Projet caché", actors=[(bpifrance, "financeur")], status="pending")
    response = visitor.get("/acteurs/bpifrance/")
    html = response.content.decode()
    assert "<h1>Bpifrance</h1>" in html
    assert "FISO" in html
    assert "Alter&#x27;Incub" in html
    assert "Cantine" not in html
    assert "Projet caché" not in html


def test_the_actor_list_counts_published_initiatives_only(visitor, make_initiative, make_actor):
    funder = make_actor("France Active", kind=Actor.Kind.NETWORK)
    make_actor("Réseau discret", is_published=False)
    make_initiative("Cantine", actors=[(funder, "financeur")])
    make_initiative("Projet caché", actors=[(funder, "financeur")], status="draft")
    response = visitor.get("/acteurs/")
    html = response.content.decode()
    assert "France Active" in html
    assert "1 initiative" in html
    assert "Réseau discret" not in html
    assert visitor.get("/acteurs/reseau-discret/").status_code == 404
    assert "France Active" not in visitor.get("/acteurs/?type=fondation").content.decode()


def test_the_home_page_offers_search_themes_territories_and_recent_initiatives(
    visitor, make_initiative
):
    make_initiative("Épicerie de Voiron", themes=["commerce"], commune="commune-38563")
    make_initiative("Projet caché", status="draft", commune="commune-38563")
    html = visitor.get("/").content.decode()
    assert 'name="q"' in html
    assert "Développement économique" in html
    assert "Auvergne-Rhône-Alpes" in html
    assert "Épicerie de Voiron" in html
    assert "Projet caché" not in html
    assert "<strong>1</strong> initiatives publiées" in html


def test_the_sitemap_lists_published_initiatives_only(visitor, make_initiative):
    make_initiative("Épicerie de Voiron")
    make_initiative("Projet caché", status="pending")
    sections = visitor.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-initiatives.xml" in sections
    xml = visitor.get("/sitemap-initiatives.xml").content.decode()
    assert "/initiatives/epicerie-de-voiron/" in xml
    assert "projet-cache" not in xml
    assert "/thematiques/mobilite/" in visitor.get("/sitemap-thematiques.xml").content.decode()
    assert "/territoires/region-84/" in visitor.get("/sitemap-territoires.xml").content.decode()


def test_the_sitemap_lists_every_initiative_page_by_page(visitor, make_initiative, monkeypatch):
    monkeypatch.setattr(InitiativeSitemap, "limit", 2)
    for number in range(5):
        make_initiative(f"Atelier {number}")
    sections = visitor.get("/sitemap.xml").content.decode()
    assert "sitemap-initiatives.xml?p=3" in sections
    last = visitor.get("/sitemap-initiatives.xml", {"p": 3}).content.decode()
    assert "/initiatives/atelier-4/" in last


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(visitor):
    text = visitor.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_pages_send_a_strict_content_security_policy(visitor, make_initiative):
    make_initiative("Wimoov", commune="commune-75056")
    for url in ("/", "/initiatives/", "/initiatives/wimoov/", "/territoires/region-84/"):
        response = visitor.get(url)
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy, url
        assert "unsafe-inline" not in policy, url
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "<script>" not in response.content.decode(), url


def test_facet_links_of_a_territory_page_search_within_that_territory(visitor, make_initiative):
    make_initiative("Épicerie de Voiron", themes=["commerce"], commune="commune-38563")
    html = visitor.get("/territoires/departement-38/").content.decode()
    assert 'href="/initiatives/?territoire=departement-38&amp;thematique=commerce"' in html


def test_facet_links_of_a_theme_page_search_within_that_theme(visitor, make_initiative):
    make_initiative("Épicerie de Voiron", themes=["commerce"], commune="commune-38563")
    html = visitor.get("/thematiques/commerce/").content.decode()
    assert 'href="/initiatives/?thematique=commerce&amp;territoire=region-84"' in html


def test_the_actor_list_counts_what_each_actor_carries_or_supports(
    visitor, make_initiative, make_actor
):
    network = make_actor("Réseau Cocagne", kind=Actor.Kind.NETWORK)
    make_initiative("Jardin carré", carrier=network)
    make_initiative("Jardin rond", actors=[(network, "accompagnateur")])
    listed = visitor.get("/acteurs/").content.decode()
    assert "2 initiatives" in listed
    assert visitor.get("/acteurs/reseau-cocagne/").context["results"].total == 2


def test_the_unfiltered_list_shows_the_twelve_actors_supporting_the_most(
    visitor, make_initiative, make_actor
):
    for number in range(14):
        funder = make_actor(f"Fonds {number:02d}")
        for copy in range(number + 1):
            make_initiative(f"Projet {number}-{copy}", actors=[(funder, "financeur")])
    actors = visitor.get("/initiatives/").context["results"].actors
    assert [facet.value.name for facet in actors] == [f"Fonds {n:02d}" for n in range(13, 1, -1)]
