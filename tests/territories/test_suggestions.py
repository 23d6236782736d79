"""The territory suggestions of the contact and submission forms."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/territoires/suggestions/"
COMMUNES = "/territoires/suggestions/communes/"


def suggest(client, url, text):
    return client.get(url, {"q": text}).json()["results"]


def test_territories_are_suggested_by_name_without_accents_most_populous_first(visitor):
    results = suggest(visitor, URL, "isere")
    assert results[0]["key"] == "departement-38"
    assert results[0]["label"] == "Isère (38)"
    assert results[0]["kind"] == "département"


def test_a_commune_comes_with_its_postcode_and_position(visitor):
    voiron = suggest(visitor, URL, "voir")[0]
    assert voiron["key"] == "commune-38563"
    assert voiron["label"] == "Voiron (38500)"
    assert 45 < voiron["lat"] < 46 and 5 < voiron["lng"] < 6


def test_a_postcode_finds_its_communes(visitor):
    assert [place["label"] for place in suggest(visitor, URL, "26100")] == [
        "Romans-sur-Isère (26100)"
    ]


def test_the_communes_list_offers_only_communes(visitor):
    results = suggest(visitor, COMMUNES, "sa")
    assert results
    assert {place["key"].split("-")[0] for place in results} == {"commune"}


def test_it_waits_for_two_letters_and_caps_the_list(visitor):
    assert suggest(visitor, URL, "v") == []
    assert len(suggest(visitor, URL, "sa")) == 10


def test_it_answers_in_one_query_and_may_be_cached(visitor, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = visitor.get(URL, {"q": "lyon"})
    assert "public" in response["Cache-Control"]
