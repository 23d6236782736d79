"""Which programmes an initiative may be eligible for, in which order and why."""

from datetime import date

import pytest

from actors.matching import eligible_initiatives, programmes_for, programmes_for_each
from initiatives.models import InitiativeActor

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 4)


@pytest.fixture
def cantine(make_initiative):
    """An association experimenting in Voiron (Isère, Auvergne-Rhône-Alpes)."""
    return make_initiative(
        "Cantine de Voiron",
        commune="commune-38563",
        stage="experimentation",
        structure_type="association",
        themes=["agriculture-alimentation"],
        publics=["jeunesse"],
    )


def names(matches):
    return [match.programme.name for match in matches]


def test_it_matches_the_territories_containing_the_initiative(cantine, make_programme):
    make_programme("Fonds régional", territories=["region-84"], is_permanent=True)
    make_programme("Fonds isérois", territories=["departement-38"], is_permanent=True)
    make_programme("Fonds parisien", territories=["departement-75"], is_permanent=True)
    make_programme("Fonds lyonnais", territories=["epci-200046977"], is_permanent=True)
    make_programme("Fonds national", is_national=True, is_permanent=True)
    make_programme("Fonds sans territoire", is_permanent=True)

    matches = programmes_for(cantine, today=TODAY)

    assert names(matches) == [
        "Fonds isérois",
        "Fonds national",
        "Fonds régional",
        "Fonds sans territoire",
    ]
    reasons = {match.programme.name: match.why for match in matches}
    assert reasons["Fonds régional"] == "Région Auvergne-Rhône-Alpes"
    assert reasons["Fonds isérois"] == "Isère (38)"
    assert reasons["Fonds national"] == "Toute la France"


def test_an_initiative_acting_on_a_departement_is_not_inside_one_of_its_communes(
    make_initiative, make_programme
):
    isere = make_initiative("Réseau isérois", territories=["departement-38"])
    make_programme("Fonds de Voiron", territories=["commune-38563"])
    make_programme("Fonds régional", territories=["region-84"])

    assert names(programmes_for(isere, today=TODAY)) == ["Fonds régional"]


def test_it_matches_stages_structure_types_themes_and_publics(cantine, make_programme):
    make_programme(
        "FISO",
        territories=["region-84"],
        stages=["experimentation", "consolidation"],
        structure_types=["association", "entreprise-sociale"],
        is_permanent=True,
    )
    make_programme("Essaimage", is_national=True, stages=["essaimage"])
    make_programme("Coopératives", is_national=True, structure_types=["cooperative"])
    make_programme("Mobilité", is_national=True, themes=["mobilite"])
    make_programme("Développement durable", is_national=True, themes=["developpement-durable"])
    make_programme("Seniors", is_national=True, publics=["seniors"])
    make_programme("Jeunes", is_national=True, publics=["jeunesse"])

    matches = programmes_for(cantine, today=TODAY)

    assert names(matches) == ["FISO", "Développement durable", "Jeunes"]
    assert matches[0].why == "Région Auvergne-Rhône-Alpes, étape expérimentation, association"
    assert matches[1].why == "Toute la France, thématique développement durable"
    assert matches[2].why == "Toute la France, public jeunes"


def test_open_calls_come_first_by_closing_date_then_permanent_then_closed(cantine, make_programme):
    make_programme("Fermé", is_national=True, calls=[("2026", None, date(2026, 6, 30))])
    make_programme("Permanent", is_national=True, is_permanent=True)
    make_programme(
        "Ferme en mars", is_national=True, calls=[("Printemps", None, date(2027, 3, 31))]
    )
    make_programme(
        "Ferme en janvier",
        is_national=True,
        calls=[
            ("Hiver", date(2026, 11, 1), date(2027, 1, 15)),
            ("Ancien", date(2025, 11, 1), date(2026, 1, 15)),
        ],
    )
    make_programme(
        "Bientôt", is_national=True, calls=[("Été", date(2027, 5, 1), date(2027, 6, 30))]
    )
    make_programme("Sans appel", is_national=True)

    matches = programmes_for(cantine, today=TODAY)

    assert names(matches) == [
        "Ferme en janvier",
        "Ferme en mars",
        "Permanent",
        "Bientôt",
        "Sans appel",
        "Fermé",
    ]
    assert [match.status for match in matches] == [
        "open",
        "open",
        "permanent",
        "upcoming",
        "unannounced",
        "closed",
    ]
    assert matches[0].call.closes_on == date(2027, 1, 15)
    assert matches[3].call.opens_on == date(2027, 5, 1)


def test_it_leaves_out_hidden_programmes_and_those_already_supporting_it(
    cantine, make_programme, make_actor
):
    funder = make_actor("Fondation Lumière")
    supporting = make_programme("Déjà soutenue", actors=[funder], is_national=True)
    InitiativeActor.objects.create(
        initiative=cantine, actor=funder, role="financeur", programme=supporting
    )
    make_programme("Caché", is_national=True, is_published=False)
    make_programme("Visible", is_national=True)

    assert names(programmes_for(cantine, today=TODAY)) == ["Visible"]


def test_matching_several_initiatives_takes_the_same_queries_as_one(
    cantine, make_initiative, make_programme, django_assert_num_queries
):
    others = [
        make_initiative(f"Initiative {number}", commune="commune-69123", stage="essaimage")
        for number in range(3)
    ]
    make_programme("Régional", territories=["region-84"], calls=[("A", None, date(2027, 1, 1))])
    make_programme("Essaimage", is_national=True, stages=["essaimage"], themes=["mobilite"])
    make_programme("Isère", territories=["departement-38"], publics=["jeunesse"])

    # The programmes already supporting them, then the programmes with their
    # territories, themes, publics, calls and actors.
    with django_assert_num_queries(2):
        one = programmes_for_each([cantine], today=TODAY)
    with django_assert_num_queries(2):
        many = programmes_for_each([cantine, *others], today=TODAY)

    assert names(one[cantine.pk]) == ["Régional", "Isère"]
    assert names(many[cantine.pk]) == ["Régional", "Isère"]
    assert names(many[others[0].pk]) == ["Régional"]


def test_a_programme_finds_the_eligible_initiatives_it_does_not_support_yet(
    cantine, make_initiative, make_programme, make_actor
):
    funder = make_actor("Région")
    programme = make_programme(
        "Amorçage",
        actors=[funder],
        territories=["region-84"],
        stages=["experimentation"],
    )
    supported = make_initiative("Soutenue", commune="commune-69123", stage="experimentation")
    InitiativeActor.objects.create(
        initiative=supported, actor=funder, role="financeur", programme=programme
    )
    make_initiative("Trop avancée", commune="commune-69123", stage="essaimage")
    make_initiative("Parisienne", commune="commune-75056", stage="experimentation")
    make_initiative("Brouillon", commune="commune-38563", status="draft")

    assert list(eligible_initiatives(programme)) == [cantine]
