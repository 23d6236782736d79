"""A fiche says which partners list it: "Référencée par …"."""

import datetime

import pytest


@pytest.fixture
def vrac(make_initiative):
    return make_initiative("Vrac", themes=["alimentation"], commune="commune-69123")


def test_a_fiche_listed_by_two_sources_names_both(visitor, vrac, make_source, list_in):
    foundation = make_source("Fondation La France s’engage", slug="la-france-s-engage")
    network = make_source("MEDCOOP")
    list_in(
        foundation,
        vrac,
        "4512",
        page_url="https://laureats.example.org/projets/vrac",
        source_updated_at=datetime.date(2024, 3, 12),
    )
    list_in(network, vrac, "M-7")

    html = visitor.get("/initiatives/vrac/").text

    assert "Référencée par" in html
    assert '<a href="/sources/la-france-s-engage/">Fondation La France s’engage</a>' in html
    assert '<a href="/sources/medcoop/">MEDCOOP</a>' in html
    assert (
        '<a href="https://laureats.example.org/projets/vrac" rel="noopener nofollow">'
        "Voir sur le site de Fondation La France s’engage</a>"
    ) in html
    assert "mise à jour le 12 mars 2024" in html
    # MEDCOOP gave no page of its own.
    assert "Voir sur le site de MEDCOOP" not in html


def test_a_source_that_dropped_the_initiative_is_not_named(visitor, vrac, make_source, list_in):
    list_in(make_source("MEDCOOP"), vrac, still_listed=False)
    html = visitor.get("/initiatives/vrac/").text
    assert "Référencée par" not in html
    assert "MEDCOOP" not in html


def test_a_page_address_that_is_not_a_web_address_is_not_linked(
    visitor, vrac, make_source, list_in
):
    # An import may store anything: only http and https pages are linked.
    list_in(make_source("MEDCOOP"), vrac, page_url="javascript:alert(1)")
    html = visitor.get("/initiatives/vrac/").text
    assert "javascript:" not in html
    assert '<a href="/sources/medcoop/">MEDCOOP</a>' in html
