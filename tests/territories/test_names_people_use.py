"""Places found by the names people use: any word of the name, without accents
or case, short forms, a département's number or name, a région, a postcode,
a typo; the most relevant and most populous first, with their kind.

The queries are written from the real names of the Code officiel géographique
that the test database loads (tests/conftest.py SAMPLE_DEPARTEMENTS).
"""

import pytest
from django.core.exceptions import ValidationError

from territories.forms import TerritoryField
from territories.models import Territory

pytestmark = pytest.mark.django_db

URL = "/territoires/suggestions/"

# (what a person types, the key of the first suggestion)
FIRST_SUGGESTION = [
    # Any word of an EPCI's name, without accents or case.
    ("gresivaudan", "epci-200018166"),
    ("Grésivaudan", "epci-200018166"),
    ("pays voironnais", "epci-243800984"),
    ("voironnais", "epci-243800984"),
    ("cap atlantique", "epci-244400610"),
    ("CARENE", "epci-244400644"),
    ("balcons du dauphine", "epci-200068542"),
    ("beaujolais pierres dorees", "epci-200040574"),
    ("est lyonnais", "epci-246900575"),
    ("dombes", "epci-200069193"),
    # Short forms: CA, CC, CU, Métropole, Saint/St, Sainte/Ste.
    ("CA du Pays Voironnais", "epci-243800984"),
    ("CA Pays Voironnais", "epci-243800984"),
    ("CC Le Grésivaudan", "epci-200018166"),
    ("cc gresivaudan", "epci-200018166"),
    ("ca grand annecy", "epci-200066793"),
    ("CA Valence Romans", "epci-200068781"),
    ("Métropole de Lyon", "epci-200046977"),
    ("metropole lyon", "epci-200046977"),
    ("grenoble metropole", "epci-200040715"),
    ("Nantes Métropole", "epci-244400404"),
    ("grand paris", "epci-200054781"),
    ("St Etienne", "commune-42218"),
    ("st-etienne metropole", "epci-244200770"),
    ("St Martin d'Heres", "commune-38421"),
    ("Ste Foy les Lyon", "commune-69202"),
    ("st chamond", "commune-42207"),
    # Départements by number and by name, régions by name.
    ("38", "departement-38"),
    ("01", "departement-01"),
    ("69", "departement-69"),
    ("Isère", "departement-38"),
    ("haute savoie", "departement-74"),
    ("seine st denis", "departement-93"),
    ("hauts-de-seine", "departement-92"),
    ("loire atlantique", "departement-44"),
    ("auvergne rhone alpes", "region-84"),
    ("Auvergne", "region-84"),
    ("AURA", "region-84"),
    ("ile de france", "region-11"),
    ("Occitanie", "region-76"),
    ("pays de la loire", "region-52"),
    # Communes: the whole name first, then the most populous.
    ("Lyon", "commune-69123"),
    ("grenoble", "commune-38185"),
    ("VILLEURBANNE", "commune-69266"),
    ("isle d abeau", "commune-38193"),
    ("bourgoin", "commune-38053"),
    ("evian", "commune-74119"),
    ("chamonix", "commune-74056"),
    ("boulogne", "commune-92012"),
    ("romans isere", "commune-26281"),
    ("voir", "commune-38563"),
    # A name with its département's number, postcodes.
    ("Voiron 38", "commune-38563"),
    ("vienne 38", "commune-38544"),
    ("38500", "commune-38563"),
    ("42100", "commune-42218"),
    # Typos.
    ("grenobel", "commune-38185"),
    ("villeurbane", "commune-69266"),
    ("gresvaudan", "epci-200018166"),
    ("annecyy", "commune-74010"),
    ("bourg en bress", "commune-01053"),
]


def suggest(client, text, url=URL):
    response = client.get(url, {"q": text})
    assert response.status_code == 200
    return response.json()["results"]


@pytest.mark.parametrize(("text", "key"), FIRST_SUGGESTION)
def test_the_place_people_mean_is_suggested_first(visitor, text, key):
    results = suggest(visitor, text)
    assert results, text
    assert results[0]["key"] == key


def test_there_are_at_least_forty_real_queries():
    assert len({text for text, _key in FIRST_SUGGESTION}) >= 40


def test_lyon_offers_the_commune_then_the_metropole_each_with_its_kind(visitor):
    results = suggest(visitor, "Lyon")
    assert [place["description"] for place in results[:2]] == [
        "Lyon — commune, 69",
        "Métropole de Lyon — EPCI",
    ]
    assert results[1]["label"] == "Métropole de Lyon"
    assert results[1]["kind"] == "EPCI"


def test_a_departement_number_offers_the_departement_then_its_largest_communes(visitor):
    results = suggest(visitor, "38")
    assert results[0]["description"] == "Isère — département"
    assert [place["key"] for place in results[1:3]] == ["commune-38185", "commune-38421"]
    assert all(
        place["key"].startswith("commune-38") for place in results[1:] if "commune" in place["key"]
    )


def test_a_word_offers_the_whole_name_first_then_the_most_populous(visitor):
    # "saint" starts a word of 570 names of the test database (4,477 in France).
    labels = [place["label"] for place in suggest(visitor, "saint")]
    assert labels == [
        "Saint-Etienne Métropole",
        "Saint-Étienne (42000)",
        "Saint-Denis (93200)",
        "Saint-Nazaire (44600)",
        "Saint-Ouen-sur-Seine (93400)",
        "Saint-Herblain (44800)",
        "Saint-Priest (69800)",
        "Saint-Martin-d'Hères (38400)",
        "Saint-Chamond (42400)",
        "Saint-Cloud (92210)",
    ]


def test_a_common_word_finds_every_name_with_it_then_those_only_spelled_alike():
    found = list(Territory.objects.suggested("saint"))
    with_the_word = Territory.objects.filter(search_name__contains=" saint")
    assert {place.pk for place in found[: with_the_word.count()]} == set(
        with_the_word.values_list("pk", flat=True)
    )
    # Without the word, the closest spelling first.
    assert [place.name for place in found[with_the_word.count() :]] == [
        "Sain-Bel",
        "Sains-Morainvillers",
    ]


def test_a_région_is_shown_as_a_région(visitor):
    assert suggest(visitor, "occitanie")[0]["description"] == "Occitanie — région"


def test_the_communes_list_finds_communes_by_any_word(visitor):
    results = suggest(visitor, "isere", url="/territoires/suggestions/communes/")
    assert results[0]["label"] == "Romans-sur-Isère (26100)"
    assert {place["key"].split("-")[0] for place in results} == {"commune"}


def test_nothing_like_a_place_suggests_nothing(visitor):
    assert suggest(visitor, "xyzzy") == []
    assert suggest(visitor, "99") == []


def test_the_suggestions_take_one_query_over_every_territory(visitor, django_assert_num_queries):
    # The territories matching, with their département's code (one join).
    with django_assert_num_queries(1):
        suggest(visitor, "gresivaudan")
    with django_assert_num_queries(1):
        suggest(visitor, "38")


# What the forms read, with JavaScript or not (TerritoryField → from_typed).
TYPED = [
    ("Grésivaudan", "epci-200018166"),
    ("gresivaudan", "epci-200018166"),
    ("pays voironnais", "epci-243800984"),
    ("CA du Pays Voironnais", "epci-243800984"),
    ("Communauté de communes Grésivaudan", "epci-200018166"),
    ("cc le gresivaudan", "epci-200018166"),
    ("Métropole de Lyon", "epci-200046977"),
    ("Lyon Métropole", "epci-200046977"),
    ("Lyon", "commune-69123"),
    ("St-Etienne", "commune-42218"),
    ("38", "departement-38"),
    ("2A", None),
    ("Isère", "departement-38"),
    ("auvergne rhône-alpes", "region-84"),
]


@pytest.mark.parametrize(("text", "key"), TYPED)
def test_a_place_typed_in_a_form_is_read_by_the_names_people_use(territory, text, key):
    if key is None:
        # Corse-du-Sud is not in the test database: a clear refusal, no guess.
        with pytest.raises(ValidationError) as refused:
            Territory.objects.from_typed(text)
        assert refused.value.code == "unknown"
        return
    assert Territory.objects.from_typed(text) == territory(key)


def test_words_shared_by_several_places_are_ambiguous():
    with pytest.raises(ValidationError) as refused:
        Territory.objects.from_typed("Dauphiné")
    assert refused.value.code == "ambiguous"
    assert "Les Balcons du Dauphiné" in refused.value.messages[0]


def test_a_misspelled_place_is_refused_with_the_nearest_name():
    with pytest.raises(ValidationError) as refused:
        Territory.objects.from_typed("Grenobel")
    assert refused.value.code == "unknown"
    assert refused.value.messages[0].endswith("Vouliez-vous dire « Grenoble (38000) » ?")


def test_the_field_of_every_form_reads_a_word_of_an_epci(territory):
    field = TerritoryField(required=False, kinds=["epci"])
    assert field.clean("gresivaudan") == territory("epci-200018166")
