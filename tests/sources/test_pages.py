"""/sources/ and /sources/<slug>/: the partners and the initiatives they list."""

import pytest

from initiatives.models import Initiative


@pytest.fixture
def laureates(make_source, make_actor, make_initiative, list_in):
    """A foundation listing two published initiatives, a draft and one it dropped."""
    foundation = make_actor(
        "Fondation La France s’engage", kind="fondation", slug="fondation-la-france-s-engage"
    )
    source = make_source(
        "Lauréats La France s’engage",
        slug="laureats-la-france-s-engage",
        actor=foundation,
        website="https://laureats.example.org",
        licence="Licence Ouverte 2.0",
        licence_url="https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    )
    for name in ("Vrac", "Bip Pop"):
        list_in(source, make_initiative(name, themes=["alimentation"], commune="commune-69123"))
    draft = make_initiative("Projet en brouillon", status=Initiative.Status.DRAFT)
    list_in(source, draft)
    dropped = make_initiative("Ancienne lauréate", commune="commune-38563")
    list_in(source, dropped, still_listed=False)
    return source


def test_the_list_shows_each_source_with_its_published_initiatives(
    visitor, laureates, make_source, django_assert_num_queries
):
    make_source("Réseau sans fiche encore")
    # One query: the sources, their actors and their counts.
    with django_assert_num_queries(1):
        response = visitor.get("/sources/")
    assert response.status_code == 200
    shown = {source.name: source.published_count for source in response.context["sources"]}
    assert shown == {"Lauréats La France s’engage": 2, "Réseau sans fiche encore": 0}
    assert "2 initiatives" in response.text
    assert 'href="/sources/laureats-la-france-s-engage/"' in response.text


def test_the_page_of_a_source_shows_it_and_the_published_initiatives_it_lists(visitor, laureates):
    response = visitor.get("/sources/laureats-la-france-s-engage/")
    assert response.status_code == 200
    assert "<h1>Lauréats La France s’engage</h1>" in response.text
    assert 'href="/acteurs/fondation-la-france-s-engage/"' in response.text
    assert "Licence Ouverte 2.0" in response.text
    names = sorted(card.name for card in response.context["results"].page.object_list)
    assert names == ["Bip Pop", "Vrac"]
    assert "Projet en brouillon" not in response.text
    assert "Ancienne lauréate" not in response.text
    # Its facets refine the list with the source's own filter.
    links = [link.url for section in response.context["facets"] for link in section.links]
    assert any(url.startswith("/initiatives/?source=laureats-la-france-s-engage") for url in links)


def test_the_page_of_a_source_comes_in_pages(
    visitor, make_source, make_initiative, list_in, settings
):
    settings.INITIATIVES_PER_PAGE = 2
    source = make_source("MEDCOOP")
    for number in range(3):
        list_in(source, make_initiative(f"Atelier {number}"))
    first = visitor.get("/sources/medcoop/")
    second = visitor.get("/sources/medcoop/", {"page": 2})
    assert len(first.context["results"].page.object_list) == 2
    assert len(second.context["results"].page.object_list) == 1
    assert visitor.get("/sources/medcoop/", {"page": 3}).status_code == 404


def test_an_unknown_source_is_not_found(visitor, db):
    assert visitor.get("/sources/inconnue/").status_code == 404


def test_an_unpublished_actor_is_not_linked(visitor, make_source, make_actor):
    hidden = make_actor("Acteur masqué", is_published=False)
    make_source("Réseau discret", actor=hidden)
    response = visitor.get("/sources/reseau-discret/")
    assert response.status_code == 200
    assert "/acteurs/acteur-masque/" not in response.text


def test_the_sitemap_lists_the_sources(visitor, laureates):
    xml = visitor.get("/sitemap-sources.xml").text
    assert "http://testserver/sources/laureats-la-france-s-engage/" in xml
    assert "http://testserver/sources/" in visitor.get("/sitemap-pages.xml").text
