"""The map page /carte/ and its data, /carte/donnees.geojson, as visitors and partners see them."""

import gzip
import json

import pytest

from initiatives.directory import maps
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

DATA = "/carte/donnees.geojson"
# west, south, east, north
ISERE_AND_RHONE = "4.6,44.9,6.0,46.0"
VOIRON = "5.55,45.33,5.65,45.40"


def geojson(client, **params):
    response = client.get(DATA, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def names(collection):
    return sorted(feature["properties"]["nom"] for feature in collection["features"])


@pytest.fixture
def rhone_alpes(make_initiative):
    """Three initiatives in Voiron, one in Grenoble, two in Lyon."""
    for number in range(3):
        make_initiative(
            f"Épicerie de Voiron {number}", themes=["commerce"], commune="commune-38563"
        )
    make_initiative("Vélo grenoblois", themes=["mobilite"], commune="commune-38185")
    make_initiative("Garage lyonnais", themes=["mobilite"], commune="commune-69123")
    make_initiative("Cantine lyonnaise", themes=["commerce"], commune="commune-69123")


def test_at_low_zoom_initiatives_come_grouped_with_a_count(visitor, rhone_alpes):
    collection = geojson(visitor, zoom=8, bbox=ISERE_AND_RHONE)
    assert collection["type"] == "FeatureCollection"
    assert collection["groupes"] is True
    assert collection["total"] == 6
    groups = sorted(
        feature["properties"]["nombre"]
        for feature in collection["features"]
        if "nombre" in feature["properties"]
    )
    assert groups == [2, 3]
    # An initiative alone in its cell comes as itself, ready for its popup.
    (alone,) = [f for f in collection["features"] if "nom" in f["properties"]]
    assert alone["properties"] == {
        "nom": "Vélo grenoblois",
        "url": "/initiatives/velo-grenoblois/",
        "commune": "Grenoble",
        "thematiques": ["Mobilité"],
    }
    lng, lat = alone["geometry"]["coordinates"]
    assert 5.6 < lng < 5.8 and 45.1 < lat < 45.3


def test_a_group_tells_where_its_initiatives_are(visitor, rhone_alpes):
    collection = geojson(visitor, zoom=8, bbox=ISERE_AND_RHONE)
    lyon = next(f for f in collection["features"] if f["properties"].get("nombre") == 2)
    west, south, east, north = lyon["properties"]["emprise"]
    lng, lat = lyon["geometry"]["coordinates"]
    assert west <= lng <= east and south <= lat <= north
    assert 4.7 < lng < 5.0 and 45.6 < lat < 45.9


def test_at_high_zoom_the_initiatives_of_the_viewport_come_one_by_one(visitor, rhone_alpes):
    collection = geojson(visitor, zoom=14, bbox=VOIRON)
    assert collection["groupes"] is False
    assert collection["tronque"] is False
    assert collection["total"] == 3
    assert names(collection) == [f"Épicerie de Voiron {n}" for n in range(3)]


def test_the_map_applies_the_filters_of_the_list(visitor, rhone_alpes):
    collection = geojson(visitor, zoom=14, bbox=ISERE_AND_RHONE, thematique="mobilite")
    assert names(collection) == ["Garage lyonnais", "Vélo grenoblois"]
    collection = geojson(visitor, zoom=14, bbox=ISERE_AND_RHONE, q="cantine")
    assert names(collection) == ["Cantine lyonnaise"]
    collection = geojson(visitor, zoom=5, q="épicerie")
    assert collection["total"] == 3
    assert [item["nom"] for item in collection["liste"]][0].startswith("Épicerie de Voiron")
    collection = geojson(visitor, zoom=14, bbox=ISERE_AND_RHONE, territoire="departement-38")
    assert collection["total"] == 4


@pytest.mark.parametrize("zoom", [5, 12])
def test_proximity_applies_to_the_map_with_the_distance_in_the_list(visitor, rhone_alpes, zoom):
    collection = geojson(
        visitor, zoom=zoom, bbox=ISERE_AND_RHONE, pres_de="commune-38563", rayon="30"
    )
    assert collection["total"] == 4
    listed = [(item["nom"], item["distance_km"]) for item in collection["liste"]]
    assert listed[-1] == ("Vélo grenoblois", pytest.approx(22.6, abs=0.5))
    assert all(distance < 1 for _name, distance in listed[:3])


def test_the_list_beside_the_map_follows_the_order_of_the_search(visitor, rhone_alpes):
    for zoom in (5, 14):
        collection = geojson(visitor, zoom=zoom, bbox=ISERE_AND_RHONE, tri="nom")
        assert [item["nom"] for item in collection["liste"]] == [
            "Cantine lyonnaise",
            "Garage lyonnais",
            "Vélo grenoblois",
            "Épicerie de Voiron 0",
            "Épicerie de Voiron 1",
            "Épicerie de Voiron 2",
        ]
        assert collection["liste"][0] == {
            "nom": "Cantine lyonnaise",
            "url": "/initiatives/cantine-lyonnaise/",
            "commune": "Lyon",
        }


def test_too_many_initiatives_in_view_are_cut_and_flagged(visitor, rhone_alpes, monkeypatch):
    monkeypatch.setattr(maps, "MAX_FEATURES", 2)
    collection = geojson(visitor, zoom=14, bbox=ISERE_AND_RHONE)
    assert collection["tronque"] is True
    assert collection["total"] == 6
    assert len(collection["features"]) == 2
    collection = geojson(visitor, zoom=5, bbox=ISERE_AND_RHONE)
    assert collection["tronque"] is False
    collection = geojson(visitor, zoom=10, bbox=ISERE_AND_RHONE)
    assert collection["tronque"] is True


def test_only_published_initiatives_and_no_private_email(visitor, make_initiative):
    make_initiative(
        "Épicerie de Voiron", commune="commune-38563", contact_email="prive@example.org"
    )
    make_initiative("Projet caché", commune="commune-38563", status="pending")
    make_initiative("Projet refusé", commune="commune-38563", status="rejected")
    for zoom in (5, 14):
        response = visitor.get(DATA, {"zoom": zoom, "bbox": VOIRON})
        text = response.content.decode()
        assert "Épicerie de Voiron" in text
        assert "prive@example.org" not in text
        assert "caché" not in text and "refusé" not in text
        assert json.loads(text)["total"] == 1


def test_without_bbox_or_zoom_it_covers_everything_grouped(visitor, rhone_alpes):
    collection = geojson(visitor)
    assert collection["groupes"] is True
    assert collection["total"] == 6


@pytest.mark.parametrize(
    "params, field",
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "5,45,4,46"}, "bbox"),
        ({"bbox": "-200,40,10,50"}, "bbox"),
        ({"bbox": "nan,40,10,50"}, "bbox"),
        ({"bbox": "1e999,40,10,50"}, "bbox"),
        ({"bbox": "," * 500}, "bbox"),
        ({"zoom": "x"}, "zoom"),
        ({"zoom": "-1"}, "zoom"),
        ({"zoom": "99"}, "zoom"),
        ({"thematique": "inconnue"}, "thematique"),
        ({"pres_de": "Atlantide"}, "pres_de"),
        ({"rayon": "500", "pres_de": "commune-38563"}, "rayon"),
    ],
)
def test_bad_parameters_are_refused_with_a_french_message(visitor, params, field):
    response = visitor.get(DATA, params)
    assert response.status_code == 400
    body = json.loads(response.content)
    assert body["erreur"].startswith("Paramètres invalides")
    assert field in body["champs"]
    assert body["champs"][field][0]


def test_map_data_can_be_cached_and_read_by_partners(visitor, rhone_alpes):
    response = visitor.get(DATA, {"zoom": 5})
    assert "max-age=300" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_map_data_is_compressed_for_clients_that_accept_it(visitor, rhone_alpes):
    plain = visitor.get(DATA, {"zoom": 14})
    response = visitor.get(DATA, {"zoom": 14}, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content)) == json.loads(plain.content)


@pytest.mark.parametrize(
    "params",
    [
        {"zoom": "5"},
        {"zoom": "8", "bbox": ISERE_AND_RHONE, "thematique": "commerce"},
        {"zoom": "14", "bbox": ISERE_AND_RHONE, "pres_de": "commune-38563", "rayon": "100"},
    ],
)
def test_the_number_of_queries_does_not_grow_with_the_initiatives(visitor, make_initiative, params):
    def add(count, offset):
        for number in range(offset, offset + count):
            make_initiative(
                f"Épicerie {number}",
                themes=["commerce"],
                commune=("commune-38563", "commune-69123", "commune-38185")[number % 3],
            )

    add(3, 0)
    few = count_queries(visitor, DATA, params)
    add(12, 3)
    # Queries: [thematique: the version tokens of the shared cache and the
    # taxonomy, themes and publics, once per process; pres_de: the version
    # tokens and the place, once per process], the sites in view (grouped or
    # one by one) with what their features show, the list and the count (one
    # statement), themes.
    assert count_queries(visitor, DATA, params) == few
    assert few <= 8


def test_the_map_page_lists_the_results_without_javascript(visitor, rhone_alpes):
    response = visitor.get("/carte/", {"thematique": "mobilite"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Carte des initiatives</h1>" in html
    assert 'href="/initiatives/velo-grenoblois/">Vélo grenoblois</a>' in html
    assert "Garage lyonnais" in html
    assert "Épicerie de Voiron" not in html
    assert 'data-source="/carte/donnees.geojson"' in html
    assert 'data-query="thematique=mobilite"' in html
    assert 'href="/initiatives/?thematique=mobilite"' in html
    assert "Carte de 2 initiatives" in html
    # Every script comes from the site, data goes through attributes.
    assert "<script>" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_map_page_centres_on_the_place_of_a_proximity_search(visitor, rhone_alpes):
    html = visitor.get(
        "/carte/", {"pres_de": "commune-38563", "rayon": "30", "page": "1"}
    ).content.decode()
    assert 'data-radius="30"' in html
    assert 'data-lat="45.36' in html
    assert 'data-query="pres_de=commune-38563&amp;rayon=30"' in html
    assert "à moins d’1 km" in html


def test_the_map_page_ignores_wrong_filters_in_its_data_query(visitor, rhone_alpes):
    html = visitor.get("/carte/", {"thematique": "inconnue", "q": "vélo"}).content.decode()
    assert 'data-query="q=v%C3%A9lo"' in html


def test_the_territory_page_draws_the_outline_and_links_around(visitor, rhone_alpes):
    html = visitor.get("/territoires/commune-38563/").content.decode()
    assert 'id="contour-territoire" type="application/json"' in html
    assert 'data-query="territoire=commune-38563"' in html
    assert 'href="/initiatives/?pres_de=commune-38563"' in html
    assert 'href="/carte/?territoire=commune-38563"' in html
    outline = html.split('id="contour-territoire" type="application/json">')[1].split("<")[0]
    assert json.loads(outline)["type"] in ("Polygon", "MultiPolygon")


def test_a_region_outline_is_simplified_for_the_map(territory):
    region = territory("region-84")
    outline = json.dumps(region.outline())
    assert len(outline) < len(region.geometry.geojson) / 3
    assert len(outline) < 60_000


def test_the_fiche_offers_initiatives_around_its_commune(visitor, rhone_alpes):
    html = visitor.get("/initiatives/velo-grenoblois/").content.decode()
    assert 'href="/initiatives/?pres_de=commune-38185"' in html
    assert 'href="/carte/?pres_de=commune-38185"' in html
