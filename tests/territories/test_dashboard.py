"""The figures of a territory's dashboard, against those computed by hand in
tests/territories/conftest.py."""

import pytest

from territories.dashboard import territory_figures as figures
from territories.models import Territory
from tests.territories.conftest import VOIRON

pytestmark = pytest.mark.django_db


def voiron():
    return Territory.objects.select_related("region", "departement").get(
        kind="commune", code="38563"
    )


def by_slug(found):
    themes = {domain.theme.slug: domain for domain in found.domains}
    themes.update({child.theme.slug: child for child in found.themes})
    return themes


def test_it_counts_the_initiatives_located_or_acting_here_by_domaine_thematique_and_stage(
    voiron_directory,
):
    found = figures(voiron())
    assert found.total == 2
    assert found.rate == 2.0
    themes = by_slug(found)
    assert (themes["inclusion"].here, themes["inclusion"].here_rate) == (2, 2.0)
    assert (themes["insertion"].here, themes["insertion"].here_rate) == (2, 2.0)
    assert (themes["cadre-de-vie"].here, themes["culture"].here) == (1, 1)
    assert (themes["sante-et-sport"].here, themes["sante"].here) == (1, 1)
    assert themes["mobilite"].here == 0
    assert themes["travail"].here == 0
    assert [(value, count) for value, _label, count in found.stages] == [
        ("ideation", 0),
        ("experimentation", 1),
        ("consolidation", 1),
        ("essaimage", 0),
    ]


def test_it_compares_with_the_communes_of_similar_population_in_its_departement(
    voiron_directory,
):
    comparables = figures(voiron()).comparables
    assert comparables.scope.name == "Isère"
    assert (comparables.low, comparables.high) == (5_000, 20_000)
    assert comparables.count == 5
    assert comparables.population == 50_000
    assert comparables.total == 19
    assert comparables.rate == pytest.approx(3.8)
    themes = by_slug(figures(voiron()))
    assert (themes["mobilite"].there, themes["mobilite"].there_rate) == (7, pytest.approx(1.4))
    assert (themes["culture"].there, themes["culture"].there_rate) == (11, pytest.approx(2.2))
    assert themes["sante"].there == 1
    assert themes["insertion"].there == 0


def test_it_states_the_missing_and_weak_thematiques_in_plain_french(voiron_directory):
    gaps = figures(voiron()).gaps
    assert [(gap.theme.slug, gap.is_absent) for gap in gaps] == [
        ("mobilite", True),
        ("culture", False),
    ]
    assert [str(gap.sentence) for gap in gaps] == [
        "Aucune initiative en mobilité ; 1,4 pour 10 000 habitants "
        "dans les communes comparables (Isère).",
        "Peu d’initiatives en culture : 1,0 pour 10 000 habitants, "
        "contre 2,2 dans les communes comparables (Isère).",
    ]


def test_with_too_few_comparables_in_its_departement_it_looks_in_its_region(voiron_directory):
    Territory.objects.filter(kind="commune", code="38229").update(population=None)
    comparables = figures(voiron()).comparables
    assert comparables.scope.name == "Auvergne-Rhône-Alpes"
    # The communes of 5,000 to 20,000 inhabitants of the Ain, the Drôme… imported.
    assert comparables.count > 5


def test_a_territory_without_population_is_counted_but_not_compared(voiron_directory):
    Territory.objects.filter(kind="commune", code="38563").update(population=None)
    found = figures(voiron())
    assert found.total == 2
    assert found.rate is None
    assert found.comparables is None
    assert found.gaps == []


def test_the_page_shows_the_figures_as_a_chart_and_as_a_table(client, voiron_directory):
    html = client.get(f"/territoires/{VOIRON}/").content.decode()
    assert "<strong>2</strong> initiatives situées ou actives dans le territoire" in html
    assert "soit 2,0 pour 10 000 habitants" in html
    assert 'role="img" aria-labelledby="graphique-domaines-titre"' in html
    # The bar of the largest domaine (Inclusion, 2) fills the room; Cadre de vie is half.
    assert '<text class="bar-label" x="242" y="127.0" text-anchor="end">Inclusion</text>' in html
    assert 'y="112" width="330.0" height="20"' in html
    assert 'y="0" width="165.0" height="20"' in html
    assert (
        '<th scope="row"><a href="/initiatives/?territoire=commune-38563&amp;thematique=inclusion">'
        "Inclusion</a></th><td>2</td><td>2,0</td>" in html
    )
    assert "Comparé aux 5 communes de 5\u202f000 à 20\u202f000 habitants (Isère)." in html
    assert "Aucune initiative en mobilité ; 1,4 pour 10 000 habitants" in html
    assert '<th scope="row">Culture</th><td>1</td><td>1,0</td><td>2,2</td>' in html
    assert 'href="/donnees/initiatives.csv?territoire=commune-38563" download' in html
    assert 'href="/api/v1/territoires/commune-38563/synthese/"' in html
    assert "style=" not in html


def test_the_page_links_its_parents_and_neighbouring_communes(client, voiron_directory):
    html = client.get(f"/territoires/{VOIRON}/").content.decode()
    assert '<a href="/territoires/departement-38/">Isère</a>' in html
    assert '<a href="/territoires/epci-243800984/">' in html
    # Communes sharing a border with Voiron, from their outlines.
    for name, code in [("Moirans", "38239"), ("Coublevie", "38133")]:
        assert f'<a href="/territoires/commune-{code}/">{name}</a>' in html
        assert f"/territoires/comparer/?a=commune-38563&amp;b=commune-{code}" in html


def test_a_departement_links_its_neighbours(client, voiron_directory):
    html = client.get("/territoires/departement-38/").content.decode()
    for name, code in [("Ain", "01"), ("Drôme", "26"), ("Rhône", "69")]:
        assert f'<a href="/territoires/departement-{code}/">{name}</a>' in html
    assert '<a href="/territoires/departement-75/">' not in html


def test_a_region_is_compared_with_the_regions_of_similar_population_in_france(
    client, voiron_directory
):
    html = client.get("/territoires/region-84/").content.decode()
    # Every published initiative of the directory but the national one.
    assert "<strong>15</strong> initiatives situées ou actives dans le territoire" in html
    # The régions of the sample count only the communes imported: Auvergne-Rhône-Alpes
    # 5,827,245 inhabitants, Île-de-France (5,419,943) alone in its band.
    assert (
        "Comparé à 1 région de 2\u202f913\u202f622 à 11\u202f654\u202f490 habitants (France)."
        in html
    )
