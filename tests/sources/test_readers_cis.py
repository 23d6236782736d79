"""cis-csv: the partner exports of the original Carrefour, with their messy
cases (fixtures/sources/cis-sample.csv, line numbers as in the file)."""

from pathlib import Path

import pytest

from sources.readers import Site, read

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"


@pytest.fixture(scope="module")
def result():
    return read((FIXTURES / "cis-sample.csv").read_bytes(), "cis-csv")


def by_name(result, name):
    (row,) = [row for row in result.rows if row.name == name]
    return row


def messages(problems):
    return [str(problem) for problem in problems]


def test_it_reads_one_row_per_project_and_rejects_the_nameless_one(result):
    assert len(result.rows) == 17
    assert messages(result.errors) == ["ligne 12 : nom du projet manquant"]


def test_it_groups_the_site_rows_of_a_project_into_its_sites(result):
    wimoov = by_name(result, "Wimoov")
    # Lines 2-3 are one record (its description spans two lines); line 5
    # carries only the identifiers and a point, line 6 only a point.
    assert wimoov.lines == [2, 4, 5, 6]
    assert wimoov.identifier == "FDP-0001"
    assert wimoov.sites == [
        Site(
            address="12 rue de la Folie-Regnault",
            postcode="75011",
            city="Paris",
            departement="75",
            latitude=48.8589,
            longitude=2.3855,
        ),
        Site(
            address="5 place Jean Macé",
            postcode="69007",
            city="Lyon",
            departement="69",
            latitude=45.7456,
            longitude=4.8425,
        ),
        Site(latitude=45.1885, longitude=5.7245),
        Site(latitude=43.6045, longitude=1.4442),
    ]
    assert wimoov.description.startswith("Des plateformes de mobilité")
    assert "\nbilan de mobilité" in wimoov.description


def test_a_later_site_row_without_a_point_is_a_site_by_its_commune(result):
    emmaus = by_name(result, "Emmaüs Alternatives")
    assert [(site.postcode, site.city, site.has_point) for site in emmaus.sites] == [
        ("93100", "Montreuil", True),
        ("93200", "Saint-Denis", False),
    ]
    centrale = by_name(result, "Centrale solaire citoyenne du Trièves")
    assert centrale.lines == [22, 24]
    assert centrale.sites[1] == Site(latitude=44.865, longitude=5.629)


def test_it_keeps_the_codes_of_both_levels_and_the_free_tags(result):
    wimoov = by_name(result, "Wimoov")
    assert wimoov.tags == ["TER", "EMP", "MOB", "ACE", "mobilité inclusive", "insertion"]
    assert wimoov.content_types == ["PRO"]


def test_an_unknown_code_is_kept_and_reported_and_a_label_without_code_is_kept(result):
    cantines = by_name(result, "Les Petites Cantines")
    assert cantines.tags == [
        "SOL",
        "XYZ",
        "LIE",
        "SEN",
        "Repas partagés",
        "lien social",
        "alimentation",
    ]
    assert "ligne 9 : code CIS « XYZ » inconnu, gardé comme étiquette" in messages(result.warnings)


def test_null_nr_and_default_mean_unknown_whatever_their_case_and_spaces(result):
    cantines = by_name(result, "Les Petites Cantines")
    # Facebook "default", Twitter "  NR ", Email " NULL ", Image Link "default".
    assert cantines.private_email is None
    assert cantines.image_url is None
    assert cantines.social_links == [
        "https://www.instagram.com/petitescantines.example",
        "https://www.linkedin.com/company/petitescantines-example",
    ]
    domb = by_name(result, "Domb'innov")
    assert domb.sites == [Site(postcode="01400", city="Châtillon-sur-Chalaronne", departement="01")]


def test_a_placeholder_guid_shared_by_projects_is_no_page_but_a_project_own_is(result):
    assert by_name(result, "Wimoov").page_url is None
    assert by_name(result, "Repair Café du Pays Voironnais").page_url is None
    vrac = by_name(result, "VRAC - Vers un réseau d'achat en commun")
    assert vrac.page_url == "https://www.fondation-des-possibles.example/projets/vrac"
    assert any(
        "GUID « https://www.fondation-des-possibles.example/projet » commun à 17 projets" in m
        for m in messages(result.warnings)
    )


def test_a_contradictory_postcode_is_kept_and_reported(result):
    repair = by_name(result, "Repair Café du Pays Voironnais")
    assert repair.sites[0].postcode == "38000"
    assert repair.sites[0].departement == "69"
    assert "ligne 10 : code postal 38000 mais département 69" in messages(result.warnings)


def test_the_email_is_kept_as_private_and_never_in_a_message_or_repr(result):
    vrac = by_name(result, "VRAC - Vers un réseau d'achat en commun")
    assert vrac.private_email == "coordination@vrac.example"
    assert by_name(result, "Wimoov").private_email == "direction@wimoov.example"
    bip_pop = by_name(result, "Bip Pop")
    assert bip_pop.private_email is None
    assert "ligne 16 : adresse email invalide, ignorée" in messages(result.warnings)
    everything = " ".join(messages(result.warnings + result.errors) + [repr(vrac)])
    assert "@" not in everything
    assert "pas une adresse" not in everything


def test_invalid_coordinates_are_dropped_and_reported(result):
    villages = by_name(result, "Villages Vivants")
    assert villages.identifier == "CIS-107"  # no "ID interne sourceur": its ID CIS
    assert villages.sites == [Site(postcode="26400", city="Crest", departement="26")]
    assert "ligne 13 : coordonnées « abc, 5.02 » invalides, ignorées" in messages(result.warnings)


def test_it_reads_award_years_social_links_image_and_the_partner(result):
    vrac = by_name(result, "VRAC - Vers un réseau d'achat en commun")
    assert vrac.award_years == [2017, 2019]
    wimoov = by_name(result, "Wimoov")
    assert wimoov.award_years == [2018]
    assert wimoov.image_url == "https://www.wimoov.example/logo.png"
    assert wimoov.social_links == [
        "https://www.facebook.com/wimoov.example",
        "https://twitter.com/wimoov_example",
    ]
    assert wimoov.carrier == "Wimoov"
    assert result.partner.name == "Fondation des Possibles"
    assert result.partner.website == "https://www.fondation-des-possibles.example"


def test_a_row_with_too_many_values_is_an_error_of_its_line_and_the_others_go_on():
    data = (
        "Nom du projet,ID CIS,Ville\n"
        "Wimoov,CIS-1,Paris\n"
        "Atelier, vélo,CIS-2,Lyon\n"
        "Bip Pop,CIS-3,Paris\n"
    ).encode()
    result = read(data, "cis-csv")
    assert [row.name for row in result.rows] == ["Wimoov", "Bip Pop"]
    assert messages(result.errors) == [
        "ligne 3 : 4 valeurs pour 3 colonnes (un séparateur dans un texte sans guillemets ?) : "
        "ligne ignorée"
    ]


def test_a_project_without_identifier_is_read_and_reported():
    result = read(b"Nom du projet;Ville\nWimoov;Paris\n", "cis-csv")
    assert result.rows[0].identifier is None
    assert messages(result.warnings) == [
        "ligne 2 : ni « ID interne sourceur » ni « ID CIS » : le projet sera retrouvé par son nom"
    ]


def test_a_second_name_for_the_same_project_is_reported_and_the_first_kept():
    data = b"ID CIS,Nom du projet\nCIS-1,Wimoov\nCIS-1,Wimoov Lyon\n"
    result = read(data, "cis-csv")
    assert [row.name for row in result.rows] == ["Wimoov"]
    assert messages(result.warnings) == [
        "ligne 3 : nom « Wimoov Lyon » différent de celui de la ligne 2, ignoré"
    ]


def test_an_email_typed_in_the_wrong_column_is_not_repeated_in_the_warnings():
    data = (
        "ID CIS,Nom du projet,Facebook,Autres réseaux,Code postal,lat,long\n"
        "CIS-1,Wimoov,contact@wimoov.example,https://contact@wimoov.example,"
        "contact@wimoov.example,contact@wimoov.example,2.3\n"
    )
    result = read(data.encode(), "cis-csv")
    assert messages(result.warnings) == [
        "ligne 2 : code postal « … » invalide, ignoré",
        "ligne 2 : coordonnées « …, 2.3 » invalides, ignorées",
        "ligne 2 : adresse web « … » invalide, ignorée",
    ]
    # "https://contact@wimoov.example" would pass for a web address.
    assert result.rows[0].social_links == []
