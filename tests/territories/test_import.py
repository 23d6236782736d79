from django.core.management import call_command
from django.db import connection

from initiatives.models import Initiative
from territories.importer import import_territories
from territories.models import Territory


def test_it_imports_communes_with_their_hierarchy(territory):
    voiron = territory("commune-38563")
    assert voiron.name == "Voiron"
    assert voiron.postcodes == ["38500"]
    assert voiron.population > 15000
    assert voiron.epci.key == "epci-243800984"
    assert voiron.epci.name == "Communauté d'agglomération du Pays Voironnais"
    assert voiron.departement.key == "departement-38"
    assert voiron.region.key == "region-84"
    assert voiron.region.name == "Auvergne-Rhône-Alpes"


def test_it_keeps_the_article_of_commune_names(territory):
    assert territory("commune-01001").name == "L'Abergement-Clémenciat"


def test_it_gives_every_imported_territory_an_outline_and_a_point(territory):
    for key in ("commune-38563", "epci-243800984", "departement-38", "region-84"):
        place = territory(key)
        assert place.geometry is not None, key
        assert place.point is not None, key
    isere = territory("departement-38")
    assert isere.geometry.contains(territory("commune-38563").point)


def test_it_lists_every_containing_territory_as_ancestor(territory):
    voiron = territory("commune-38563")
    ancestors = set(
        Territory.objects.filter(pk__in=voiron.ancestor_ids).values_list("code", "kind")
    )
    assert ancestors == {
        ("38563", "commune"),
        ("243800984", "epci"),
        ("38", "departement"),
        ("84", "region"),
    }


def test_it_distinguishes_a_region_from_a_departement_with_the_same_code(territory):
    assert territory("region-84").name == "Auvergne-Rhône-Alpes"
    assert territory("departement-84") is None  # Vaucluse is not in the test sample
    assert territory("84") is None


def test_it_can_be_run_again_without_duplicates_and_reindexes_renamed_places(make_initiative):
    # As if the last import had named Voiron otherwise (written past the models).
    with connection.cursor() as cursor:
        cursor.execute("UPDATE territories_territory SET name = 'Ancien nom' WHERE code = '38563'")
    make_initiative("Épicerie de quartier", commune="commune-38563")
    assert Initiative.objects.search("ancien").exists()
    before = Territory.objects.count()
    voiron = Territory.objects.by_key("commune-38563")

    import_territories(["38"], progress=lambda message: None)

    assert Territory.objects.count() == before
    assert Territory.objects.by_key("commune-38563").pk == voiron.pk
    assert not Initiative.objects.search("ancien").exists()
    assert [i.name for i in Initiative.objects.search("voiron")] == ["Épicerie de quartier"]


def test_the_command_reports_progress(db, capsys):
    call_command("import_territories", departements="2A")
    output = capsys.readouterr().out
    assert "commune" in output
    assert Territory.objects.by_key("commune-2A004").name == "Ajaccio"
    assert Territory.objects.by_key("region-94").name == "Corse"


def test_territories_are_found_by_name_without_accents_or_by_postcode(db):
    assert "Voiron" in {t.name for t in Territory.objects.search("voir")}
    assert "Isère" in {t.name for t in Territory.objects.search("isere")}
    by_postcode = {t.name for t in Territory.objects.search("38500")}
    assert {"Voiron", "Coublevie"} <= by_postcode
    # 38500 is also the INSEE code of Têche, whose postcode is 38470.
    assert "Têche" not in by_postcode


def test_a_region_or_departement_is_placed_at_its_chef_lieu(territory):
    assert territory("region-84").point == territory("commune-69123").point  # Lyon
    assert territory("departement-38").point == territory("commune-38185").point  # Grenoble
    assert territory("departement-26").point == territory("commune-26362").point  # Valence


def test_a_commune_the_cog_no_longer_has_is_deleted_unless_something_names_it(
    territory, make_initiative, capsys
):
    isere = territory("departement-38")
    fields = {"kind": "commune", "departement": isere, "region": isere.region}
    Territory.objects.create(code="38998", name="Ancienne commune", **fields)
    named = Territory.objects.create(code="38999", name="Commune fusionnée", **fields)
    make_initiative("Épicerie du village", commune="commune-38999", point=isere.point)
    elsewhere = Territory.objects.create(
        code="01999",
        name="Hors de l’import",
        kind="commune",
        departement=territory("departement-01"),
    )

    call_command("import_territories", departements="38")

    assert territory("commune-38998") is None
    assert territory("commune-38999") == named
    assert territory("commune-01999") == elsewhere, "only the imported départements are checked"
    assert territory("commune-38563") is not None
    output = capsys.readouterr().out
    assert "encore utilisés, donc gardés (1) : Commune fusionnée (commune-38999)" in output
