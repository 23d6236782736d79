"""/donnees/initiatives.csv, .geojson and .jsonld: the initiatives of any search
of the directory, in the order of its list, streamed."""

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse

from sources.readers.carrefour import COLUMNS

# Each a search of the list: words, filters of every kind, proximity, sorts.
SEARCHES = [
    "",
    "q=mobilite",
    "q=insertion&tri=nom",
    "thematique=mobilite",
    "territoire=departement-38",
    "territoire=region-84&tri=nom",
    "acteur=fondation-macif",
    "source=la-france-s-engage",
    "pres_de=commune-69123&rayon=100",
    "pres_de=commune-69123&rayon=200&tri=nom",
    "tri=hasard",
    "tri=recent&etape=essaimage",
]


def csv_slugs(body):
    rows = csv.DictReader(io.StringIO(body.decode()))
    return list(dict.fromkeys(row["identifiant"] for row in rows))


@pytest.mark.parametrize("query", SEARCHES)
def test_each_export_lists_the_initiatives_of_the_page_in_its_order(
    demo, visitor, settings, download, query
):
    settings.INITIATIVES_PER_PAGE = 1000
    shown = visitor.get(f"/initiatives/?{query}").context["results"].page.object_list
    expected = [card.url.rstrip("/").rsplit("/", 1)[1] for card in shown]
    assert expected or query.startswith("acteur")  # the searches find something

    assert csv_slugs(download(visitor, f"/donnees/initiatives.csv?{query}")) == expected
    collection = json.loads(download(visitor, f"/donnees/initiatives.geojson?{query}"))
    features = [feature["properties"]["identifiant"] for feature in collection["features"]]
    assert list(dict.fromkeys(features)) == expected
    records = json.loads(download(visitor, f"/donnees/initiatives.json?{query}"))["data"]
    assert [record["identifiant"] for record in records] == expected
    graph = json.loads(download(visitor, f"/donnees/initiatives.jsonld?{query}"))["@graph"]
    assert [item["identifier"] for item in graph] == expected


def test_the_geojson_has_one_feature_per_site(demo, visitor, download):
    collection = json.loads(download(visitor, "/donnees/initiatives.geojson?q=wimoov"))
    wimoov = [f for f in collection["features"] if f["properties"]["identifiant"] == "wimoov"]
    assert len(wimoov) == 7
    assert all(feature["geometry"]["type"] == "Point" for feature in wimoov)
    assert len({feature["properties"]["commune_code"] for feature in wimoov}) == 7


def test_the_csv_has_the_columns_of_the_format_and_a_row_per_site(demo, visitor, download):
    body = download(visitor, "/donnees/initiatives.csv?q=wimoov").decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert list(rows[0]) == list(COLUMNS)
    wimoov = [row for row in rows if row["identifiant"] == "wimoov"]
    assert len(wimoov) == 7
    assert wimoov[0]["nom"] == "Wimoov"
    assert wimoov[0]["url"].endswith("/initiatives/wimoov/")
    assert [row["nom"] for row in wimoov[1:]] == [""] * 6


def test_an_export_is_streamed_and_named_as_a_download(demo, visitor):
    response = visitor.get("/donnees/initiatives.csv?thematique=mobilite")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="initiatives.csv"'
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_wrong_parameter_is_named_in_french_and_exports_nothing(demo, visitor):
    response = visitor.get("/donnees/initiatives.csv?territoire=nulle-part-du-tout&rayon=-3")
    assert response.status_code == 400
    body = response.json()
    assert body["erreur"].startswith("Paramètres invalides : ")
    assert set(body["champs"]) == {"territoire", "rayon"}
