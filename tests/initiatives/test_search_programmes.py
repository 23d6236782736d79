"""The main search finds programmes, and initiatives by the programmes that supported them."""

import pytest

from initiatives.models import Initiative, InitiativeActor

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes(make_actor, make_programme):
    bpifrance = make_actor("Bpifrance", kind="banque")
    break_poverty = make_actor("Break Poverty Foundation", kind="fondation")
    fiso = make_programme(
        "Fonds d’Innovation Sociale (FISO)",
        slug="fiso",
        actors=[bpifrance],
        summary="Un prêt à taux zéro pour les innovations sociales.",
    )
    dotation = make_programme(
        "Dotation d’Action Territoriale",
        slug="dotation-d-action-territoriale",
        actors=[break_poverty],
        summary="Les entreprises d’un territoire financent la lutte contre la pauvreté des jeunes.",
    )
    return fiso, dotation


def found_programmes(visitor, words):
    return [p.slug for p in visitor.get("/initiatives/", {"q": words}).context["programmes"]]


def test_the_search_page_shows_the_programmes_its_words_name(visitor, programmes):
    response = visitor.get("/initiatives/", {"q": "FISO"})

    assert [p.slug for p in response.context["programmes"]] == ["fiso"]
    assert 'href="/programmes/fiso/">Fonds d’Innovation Sociale (FISO)</a>' in response.text
    assert found_programmes(visitor, "Dotation d'Action Territoriale") == [
        "dotation-d-action-territoriale"
    ]
    # Accents, case and the end of words do not matter.
    assert found_programmes(visitor, "dotation territoriale") == ["dotation-d-action-territoriale"]
    assert found_programmes(visitor, "innovation sociale") == ["fiso"]
    assert found_programmes(visitor, "cantine") == []


def test_no_programme_block_without_words_or_for_a_hidden_programme(visitor, programmes):
    fiso, _dotation = programmes
    assert visitor.get("/initiatives/").context["programmes"] == []
    fiso.is_published = False
    fiso.save()
    assert found_programmes(visitor, "FISO") == []


def test_an_initiative_is_found_by_the_name_of_the_programme_that_supported_it(
    programmes, make_initiative
):
    fiso, _dotation = programmes
    supported = make_initiative("Alter’Incub")
    make_initiative("Cantine")
    InitiativeActor.objects.create(
        initiative=supported, actor=fiso.actors.get(), role="financeur", programme=fiso
    )

    assert list(Initiative.objects.published().search("FISO")) == [supported]

    fiso.name = "Fonds régional d’innovation"
    fiso.save()
    assert list(Initiative.objects.published().search("FISO")) == []
    assert list(Initiative.objects.published().search("régional")) == [supported]

    fiso.is_published = False
    fiso.save(update_fields=["is_published"])
    assert list(Initiative.objects.published().search("régional")) == []


def test_deleting_a_programme_takes_its_name_out_of_the_search(programmes, make_initiative):
    fiso, _dotation = programmes
    supported = make_initiative("Alter’Incub")
    InitiativeActor.objects.create(
        initiative=supported, actor=fiso.actors.get(), role="financeur", programme=fiso
    )

    fiso.delete()

    assert list(Initiative.objects.published().search("FISO")) == []
