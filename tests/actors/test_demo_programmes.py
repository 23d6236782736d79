"""The demo directory's programmes: found, matched and linked to what they supported."""

from datetime import date

import pytest
from django.core.management import call_command

from actors.matching import programmes_for
from actors.models import Programme
from initiatives.models import Initiative
from tests.shared_data import module_data


@pytest.fixture(scope="module")
def demo_directory(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker):
        call_command("load_demo")
        yield


@pytest.fixture
def demo(demo_directory, db):
    """The demo directory, loaded once for this module."""


def test_the_demo_names_the_programmes_of_the_documents(demo):
    assert set(Programme.objects.published().values_list("slug", flat=True)) == {
        "fiso",
        "dotation-d-action-territoriale",
        "concours-la-france-s-engage",
        "alter-incub",
        "incubateur-1d-cube",
        "banque-des-territoires-innovation-sociale",
        "cress-accompagnement-mise-en-reseau",
    }


def test_the_main_search_finds_the_fiso_and_the_dotation(demo, visitor):
    fiso = visitor.get("/initiatives/", {"q": "FISO"})
    assert [p.slug for p in fiso.context["programmes"]] == ["fiso"]
    dotation = visitor.get("/initiatives/", {"q": "Dotation d’Action Territoriale"})
    assert [p.slug for p in dotation.context["programmes"]] == ["dotation-d-action-territoriale"]
    assert "dotation-d-action-territoriale" in [
        card.slug for card in dotation.context["results"].page.object_list
    ]


def test_the_laureates_are_found_by_the_name_of_the_prize(demo):
    laureates = Initiative.objects.published().search("concours France engage")
    assert {initiative.slug for initiative in laureates} >= {"vrac", "resonantes", "bip-pop"}


def test_a_programme_page_lists_the_initiatives_it_supported(demo, visitor):
    response = visitor.get("/programmes/concours-la-france-s-engage/")

    assert len(response.context["supported"]) == 9
    assert "Les Petites Cantines" in response.text
    assert 'href="/acteurs/fondation-la-france-s-engage/"' in response.text


def test_a_fiche_of_the_region_is_matched_with_the_regional_programmes(demo):
    domb_innov = Initiative.objects.get(slug="domb-innov")

    matches = programmes_for(domb_innov, today=date(2026, 12, 4))

    assert [match.programme.slug for match in matches] == [
        "cress-accompagnement-mise-en-reseau",
        "fiso",
        "concours-la-france-s-engage",
        "banque-des-territoires-innovation-sociale",
    ]
    assert matches[1].why == "Région Auvergne-Rhône-Alpes"
    assert matches[2].why == "Toute la France, étape consolidation"
