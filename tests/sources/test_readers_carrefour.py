"""carrefour-csv and carrefour-json: the directory's own open-data format."""

from pathlib import Path

from sources.readers import Site, read
from sources.readers.carrefour import COLUMNS, MULTI_VALUED, SEPARATOR

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"


def test_the_csv_sample_has_exactly_the_columns_of_the_format():
    header = (FIXTURES / "carrefour-sample.csv").read_text().splitlines()[0]
    assert header.split(",") == list(COLUMNS)
    assert set(MULTI_VALUED) <= set(COLUMNS)
    assert SEPARATOR.strip() == "|"


def test_it_reads_an_initiative_with_its_sites_from_the_csv():
    result = read((FIXTURES / "carrefour-sample.csv").read_bytes(), "carrefour-csv")
    wimoov, cantines = result.rows
    assert wimoov.identifier == "wimoov"
    assert wimoov.lines == [2, 3]
    assert wimoov.page_url == "https://carrefour.example/initiatives/wimoov/"
    assert wimoov.summary == "Des plateformes de mobilité pour les personnes en difficulté."
    assert wimoov.innovation == "Un bilan de mobilité pour chacun."
    assert (wimoov.stage, wimoov.structure_type, wimoov.year_started) == (
        "essaimage",
        "association",
        2007,
    )
    assert wimoov.themes == ["mobilite", "insertion"]
    assert wimoov.publics == ["demandeurs-emploi", "precarite"]
    assert wimoov.territories == ["region-84", "departement-75"]
    assert wimoov.is_national is False
    assert wimoov.tags == []
    assert wimoov.sites == [
        Site(
            address="5 place Jean Macé", commune="commune-69387", latitude=45.7456, longitude=4.8425
        ),
        Site(
            address="12 rue de la Folie-Regnault",
            commune="commune-75111",
            latitude=48.8589,
            longitude=2.3855,
        ),
    ]
    assert cantines.is_national is True
    assert cantines.sites == [Site(commune="commune-69389")]
    assert [str(problem) for problem in result.warnings] == [
        "ligne 4 : type de structure « lancement » : valeur inconnue, ignorée",
        "ligne 4 : territoire « pays-france » illisible, ignoré",
    ]
    assert [str(problem) for problem in result.errors] == ["ligne 5 : nom manquant"]


def test_it_reads_the_json_with_lists_and_sites():
    result = read((FIXTURES / "carrefour-sample.json").read_bytes(), "carrefour-json")
    (wimoov,) = result.rows
    assert wimoov.themes == ["mobilite", "insertion"]
    assert wimoov.year_started == 2007
    assert wimoov.is_national is False
    assert [site.commune for site in wimoov.sites] == ["commune-69387", "commune-75111"]
    assert [str(problem) for problem in result.errors] == [
        "élément 2 : identifiant « wimoov » déjà lu à l’élément 1 : élément ignoré",
        "élément 3 : nom manquant",
    ]
