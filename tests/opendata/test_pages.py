"""The open-data page, the download links of list-like pages and the fiche's
schema.org data."""

import json
import re

from initiatives.models import Initiative

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html):
    (text,) = JSON_LD.findall(html)
    return json.loads(text)


def test_the_fiche_carries_its_initiative_carrier_and_places_as_json_ld(demo, visitor):
    data = json_ld(visitor.get("/initiatives/wimoov/").content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Project"
    assert data["name"] == "Wimoov"
    assert data["url"].endswith("/initiatives/wimoov/")
    assert len(data["location"]) == 7
    assert {place["address"]["addressCountry"] for place in data["location"]} == {"FR"}
    assert all(place["geo"]["@type"] == "GeoCoordinates" for place in data["location"])


def test_the_fiche_json_ld_is_the_one_of_the_export(demo, visitor, download):
    on_fiche = json_ld(visitor.get("/initiatives/wimoov/").content.decode())
    graph = json.loads(download(visitor, "/donnees/initiatives.jsonld?q=wimoov"))["@graph"]
    exported = next(item for item in graph if item["identifier"] == "wimoov")
    assert {**exported, "@context": "https://schema.org"} == on_fiche


def test_a_name_cannot_close_the_json_ld_element(demo, visitor):
    Initiative.objects.filter(slug="wimoov").update(name="Wimoov </script><script>alert(1)")
    html = visitor.get("/initiatives/wimoov/").content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(html)["name"] == "Wimoov </script><script>alert(1)"


def test_every_list_like_page_links_to_its_results_as_csv_and_geojson(demo, visitor):
    pages = {
        "/initiatives/?thematique=mobilite&territoire=departement-38": (
            "thematique=mobilite&territoire=departement-38"
        ),
        "/carte/?q=mobilite": "q=mobilite",
        "/territoires/departement-38/": "territoire=departement-38",
        "/thematiques/mobilite/": "thematique=mobilite",
        "/acteurs/fondation-macif/": "acteur=fondation-macif",
        "/sources/la-france-s-engage/": "source=la-france-s-engage",
    }
    for url, query in pages.items():
        html = visitor.get(url).content.decode()
        assert "Télécharger ces résultats" in html, url
        assert f'href="/donnees/initiatives.csv?{query}"'.replace("&", "&amp;") in html, url
        assert f'href="/donnees/initiatives.geojson?{query}"'.replace("&", "&amp;") in html, url


def test_the_download_link_leaves_out_a_wrong_filter(demo, visitor):
    html = visitor.get("/initiatives/?q=mobilite&territoire=nulle-part-du-tout").content.decode()
    assert 'href="/donnees/initiatives.csv?q=mobilite"' in html


def test_the_open_data_page_states_licences_schema_and_exports(demo, visitor):
    response = visitor.get("/donnees/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Licence Ouverte / Open Licence version 2.0" in html
    assert 'href="/donnees/schema.json"' in html
    assert 'href="/donnees/initiatives.csv?thematique=mobilite"' in html
    assert "Fondation La France s’engage" in html
    assert 'href="/api/v1/docs/"' in html
    assert 'href="/integrer/"' in html
