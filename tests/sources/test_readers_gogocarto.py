"""gogocarto-json: GoGoCarto element exports and their field variants."""

from pathlib import Path

import pytest

from sources.readers import Site, read

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"


@pytest.fixture(scope="module")
def result():
    return read((FIXTURES / "gogocarto-sample.json").read_bytes(), "gogocarto-json")


def test_it_reads_the_elements_under_data_and_reports_the_bad_ones(result):
    assert [row.identifier for row in result.rows] == ["rc-voiron", "4521", "velo-grenoble"]
    assert [str(error) for error in result.errors] == [
        "élément 3 : nom manquant (name ou title)",
        "élément 4 : identifiant « rc-voiron » déjà lu à l’élément 1 : élément ignoré",
        "élément 5 : ce n’est pas un objet JSON : élément ignoré",
    ]


def test_name_geo_address_categories_and_images(result):
    repair = result.rows[0]
    assert repair.name == "Repair Café du Pays Voironnais"
    assert repair.sites == [
        Site(
            address="Place du Marché",
            postcode="38500",
            city="Voiron",
            latitude=45.3641,
            longitude=5.5893,
        )
    ]
    assert repair.tags == ["Réparation", "Zéro déchet"]
    assert repair.website == "https://repaircafe-voiron.example"
    assert repair.image_url == "https://repaircafe-voiron.example/atelier.jpg"
    assert repair.private_email == "benevoles@repaircafe-voiron.example"


def test_title_lat_lng_taxonomy_ids_and_image_objects(result):
    amap = result.rows[1]
    assert amap.name == "AMAP des Jardins de Saint-Égrève"
    assert amap.sites == [
        Site(postcode="38120", city="Saint-Égrève", latitude=45.233, longitude=5.683)
    ]
    assert amap.tags == ["12", "47"]
    assert amap.description == (
        "Un partenariat entre des familles et un maraîcher bio de la vallée.\n\n"
        "Distribution le jeudi soir à la salle des fêtes."
    )
    assert amap.image_url == "https://amap-saint-egreve.example/panier.jpg"


def test_unknown_values_and_category_objects(result):
    velo = result.rows[2]
    assert velo.name == "Un P'tit Vélo dans la Tête"
    assert velo.sites == [Site(address="Grenoble")]
    assert velo.website is None
    assert velo.private_email is None
    assert velo.tags == ["Vélo", "Atelier participatif"]
    assert [str(w) for w in result.warnings] == ["élément 6 : adresse email invalide, ignorée"]


def test_a_plain_list_with_an_address_as_text():
    result = read((FIXTURES / "gogocarto-sample-list.json").read_bytes(), "gogocarto-json")
    ferme, marche = result.rows
    assert ferme.tags == ["Vente directe", "Fruits et légumes"]
    assert ferme.image_url == "https://ferme-vieille-poste.example/ferme.jpg"
    assert marche.name == "Marché de producteurs de Rumilly"
    assert marche.sites == [
        Site(address="Place de la Manufacture, Rumilly", latitude=45.867, longitude=5.944)
    ]
    assert marche.tags == ["Marché"]
    assert result.errors == []
