"""What any file may be: its encoding, its separator, its headers, or a file
that cannot be read at all."""

from pathlib import Path

import pytest

from sources.readers import Site, UnreadableFile, read

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"


def test_a_windows_1252_file_separated_by_semicolons_reads_euro_and_oe():
    data = (FIXTURES / "cis-sample-cp1252-semicolon.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the sample really is Windows-1252
    result = read(data, "cis-csv")
    assert [row.name for row in result.rows] == [
        "Cœur de quartier",
        "Œuvres d’été",
        "Mobil’Emploi Drôme",
    ]
    coeur = result.rows[0]
    assert coeur.description == (
        "Une épicerie où chaque panier coûte 5 € ; l’adhésion est à prix libre."
    )
    assert coeur.tags == ["SOL", "GRA"]
    assert coeur.private_email == "bonjour@coeur-de-quartier.example"
    assert coeur.sites == [
        Site(
            postcode="38100", city="Grenoble", departement="38", latitude=45.1719, longitude=5.7263
        ),
        Site(
            postcode="38130",
            city="Échirolles",
            departement="38",
            latitude=45.1467,
            longitude=5.7196,
        ),
    ]
    assert result.rows[1].sites == [Site(postcode="26150", city="Die", departement="26")]
    assert result.partner.name == "Réseau des Cœurs Solidaires"
    assert result.errors == [] and result.warnings == []


def test_a_utf8_file_with_a_bom_has_its_first_column_read():
    result = read((FIXTURES / "cis-sample-bom.csv").read_bytes(), "cis-csv")
    assert [row.name for row in result.rows] == ["Écoute Paysanne", "Skis partagés"]
    assert result.partner.name == "Fonds Alpin"
    assert result.rows[0].tags == ["SAN"]


def test_a_file_mixing_utf8_and_windows_1252_lines_reads_each_in_its_own():
    data = "Nom du projet,Ville\nÉcoute Paysanne,Annecy\n".encode() + "Cœur,Échirolles\n".encode(
        "cp1252"
    )
    result = read(data, "cis-csv")
    assert [(row.name, row.sites[0].city) for row in result.rows] == [
        ("Écoute Paysanne", "Annecy"),
        ("Cœur", "Échirolles"),
    ]
    assert [str(w) for w in result.warnings][0].startswith("Le fichier mêle des lignes en UTF-8")


def test_headers_are_found_whatever_their_spaces_case_and_accents():
    data = "  NOM du Projet ;  departement_CODE; code postal ;VILLE \nWimoov;75;75011;Paris\n"
    (row,) = read(data.encode(), "cis-csv").rows
    assert row.sites == [Site(postcode="75011", city="Paris", departement="75")]


def test_a_tab_separated_utf16_file_from_excel_is_read():
    data = "Nom du projet\tVille\r\nWimoov\tParis\r\n".encode("utf-16")
    (row,) = read(data, "cis-csv").rows
    assert (row.name, row.sites[0].city) == ("Wimoov", "Paris")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Le fichier est vide."),
        (b"  \r\n\r\n", "Le fichier est vide."),
        (
            (FIXTURES / "broken-spreadsheet.csv").read_bytes(),
            "Le fichier est une archive ZIP ou un tableur (.xlsx, .ods), pas un fichier CSV ou "
            "JSON.",
        ),
        (b"Nom\x00du\x00projet\x01\x02\x03", "Le fichier est binaire, pas un fichier CSV ou JSON."),
        (
            (FIXTURES / "broken-no-name-column.csv").read_bytes(),
            "Colonne « Nom du projet » introuvable. Colonnes lues : Sourceur, ID CIS, Projet, "
            "Ville.",
        ),
        (
            b"Nom du projet,Ville\nCaf\x81,Paris\n",
            "Encodage non reconnu : la ligne 2 n’est ni en UTF-8 ni en Windows-1252 (octet 0x81). "
            "Enregistrez le fichier en UTF-8.",
        ),
    ],
)
def test_a_file_that_cannot_be_read_at_all_says_why(data, message):
    with pytest.raises(UnreadableFile) as raised:
        read(data, "cis-csv")
    assert str(raised.value) == message


def test_a_file_with_a_header_and_no_row_is_unreadable_not_an_empty_source():
    # Read as "no project", it would mark every project of the source as no
    # longer listed.
    with pytest.raises(UnreadableFile, match="aucune ligne"):
        read(b"Nom du projet,Ville\n", "cis-csv")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json", "Le fichier n’est pas du JSON valide (ligne 1, colonne 2)."),
        (
            b'{"elements": []}',
            "Le JSON n’est ni une liste d’éléments ni un objet avec une liste « data ».",
        ),
        (b"[]", "Le fichier ne contient aucun élément."),
        (b'{"data": []}', "Le fichier ne contient aucun élément."),
    ],
)
def test_a_json_file_that_cannot_be_read_says_why(data, message):
    for format in ("gogocarto-json", "carrefour-json"):
        with pytest.raises(UnreadableFile) as raised:
            read(data, format)
        assert str(raised.value) == message


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="Format « xml » inconnu"):
        read(b"<a/>", "xml")


def test_misplaced_quotes_are_an_error_of_their_line_and_reading_goes_on():
    data = 'Nom du projet,Description\nWimoov,ok\n"Atelier" vélo,"x"\nBip Pop,ok\n'
    result = read(data.encode(), "cis-csv")
    assert [row.name for row in result.rows] == ["Wimoov", "Bip Pop"]
    assert [str(error) for error in result.errors] == [
        "ligne 3 : ligne illisible (guillemets mal placés) : ligne ignorée"
    ]


def test_a_quote_never_closed_is_reported_rather_than_swallowing_the_rows_after_it():
    data = 'Nom du projet,Description\nWimoov,ok\nAtelier vélo,"Réparer\nBip Pop,ok\n'
    result = read(data.encode(), "cis-csv")
    assert [row.name for row in result.rows] == ["Wimoov"]
    assert [str(error) for error in result.errors] == [
        "ligne 3 : ligne illisible (guillemets jamais refermés : la suite du fichier n’a pas pu "
        "être lue) : ligne ignorée"
    ]
