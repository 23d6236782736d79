"""The territory autocomplete of the contact form."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/contacter/territoires/"


def test_it_suggests_territories_by_name_without_accents_most_populous_first(visitor):
    results = visitor.get(URL, {"q": "voir"}).json()["results"]
    assert results[0] == {"key": "commune-38563", "label": "Voiron (38500)", "kind": "commune"}


def test_it_finds_a_departement_and_a_postcode(visitor):
    assert visitor.get(URL, {"q": "dro"}).json()["results"][0]["key"] == "departement-26"
    assert visitor.get(URL, {"q": "38500"}).json()["results"][0]["key"] == "commune-38563"


def test_it_waits_for_two_letters_and_caps_the_list(visitor):
    assert visitor.get(URL, {"q": "v"}).json() == {"results": []}
    assert len(visitor.get(URL, {"q": "sa"}).json()["results"]) == 8


def test_it_answers_in_one_query(visitor, django_assert_num_queries):
    with django_assert_num_queries(1):
        visitor.get(URL, {"q": "lyon"})
