"""The CSV and JSON exports are the directory's own format: they read back through the
importer (carrefour-csv, carrefour-json); the CSV is valid against its Table Schema."""

import json

import pytest
from frictionless import Resource, Schema

from initiatives.models import Initiative
from sources.readers import read
from sources.readers.carrefour import COLUMNS


def validated(path, descriptor):
    """The report of frictionless on the CSV file at `path` against the schema `descriptor`."""
    resource = Resource(
        path=path.name, basepath=str(path.parent), schema=Schema.from_descriptor(descriptor)
    )
    return resource.validate()


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_the_export_reads_back_as_the_same_initiatives(demo, visitor, download, extension):
    body = download(visitor, f"/donnees/initiatives.{extension}?tri=nom")
    result = read(body, f"carrefour-{extension}")
    assert result.errors == []
    assert result.warnings == []
    published = Initiative.objects.published().order_by("name", "id")
    assert [row.identifier for row in result.rows] == [i.slug for i in published]
    for row, initiative in zip(result.rows, published, strict=True):
        assert row.name == initiative.name
        assert row.summary == " ".join(initiative.summary.split())
        assert row.stage == initiative.stage
        assert row.is_national == initiative.is_national
        assert sorted(row.themes) == sorted(initiative.themes.values_list("slug", flat=True))
        assert sorted(row.publics) == sorted(initiative.publics.values_list("slug", flat=True))
        assert sorted(row.territories) == sorted(t.key for t in initiative.territories.all())
        sites = initiative.sites.select_related("commune")
        assert [site.commune for site in row.sites] == [site.commune.key for site in sites]
        assert [(site.latitude, site.longitude) for site in row.sites] == [
            (round(site.point.y, 6), round(site.point.x, 6)) for site in sites
        ]


def test_wimoov_comes_back_with_its_seven_sites(demo, visitor, download):
    result = read(download(visitor, "/donnees/initiatives.csv?q=wimoov"), "carrefour-csv")
    wimoov = next(row for row in result.rows if row.identifier == "wimoov")
    assert len(wimoov.sites) == 7
    assert wimoov.page_url.endswith("/initiatives/wimoov/")


def test_the_schema_describes_exactly_the_columns_in_french(demo, visitor):
    schema = visitor.get("/donnees/schema.json").json()
    assert [field["name"] for field in schema["fields"]] == list(COLUMNS)
    assert schema["missingValues"] == [""]
    assert schema["licenses"][0]["title"] == "Licence Ouverte / Open Licence version 2.0"
    themes = next(field for field in schema["fields"] if field["name"] == "thematiques")
    assert "Valeurs séparées par « | »" in themes["description"]
    assert Schema.validate_descriptor(schema).valid


def test_the_csv_export_of_the_demo_directory_is_valid_against_its_schema(
    demo, visitor, download, tmp_path
):
    path = tmp_path / "initiatives.csv"
    path.write_bytes(download(visitor, "/donnees/initiatives.csv"))
    descriptor = json.loads(visitor.get("/donnees/schema.json").content)
    report = validated(path, descriptor)
    assert report.flatten(["rowNumber", "fieldName", "type", "note"]) == []
    assert report.valid


def test_a_wrong_value_is_found_by_the_schema(demo, visitor, download, tmp_path):
    """The validation above can fail: a commune that is not a key is refused."""
    body = download(visitor, "/donnees/initiatives.csv?q=wimoov").decode()
    path = tmp_path / "initiatives.csv"
    path.write_text(body.replace(",commune-", ",Paris ", 1))
    descriptor = json.loads(visitor.get("/donnees/schema.json").content)
    report = validated(path, descriptor)
    assert not report.valid
    assert {error[0] for error in report.flatten(["fieldName"])} == {"site_commune"}
