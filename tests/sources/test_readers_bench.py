"""The generated files of `manage.py bench_sources` read back into what was generated."""

from bench import sources
from sources.readers import read


def test_the_generated_cis_csv_reads_back_into_its_projects_and_sites():
    projects = sources.projects(300)
    for data in (sources.cis_csv(300), sources.cis_csv(300, separator=";", encoding="cp1252")):
        result = read(data, "cis-csv")
        assert result.errors == []
        assert [row.identifier for row in result.rows] == [p["id"] for p in projects]
        assert sum(len(row.lines) for row in result.rows) == 300
        assert result.rows[0].private_email == projects[0]["email"]


def test_the_generated_gogocarto_json_reads_back_into_its_projects():
    result = read(sources.gogocarto_json(300), "gogocarto-json")
    assert [row.name for row in result.rows] == [p["name"] for p in sources.projects(300)]
