"""Filter semantics of the directory, as the FilterSet applies them."""

import pytest

from actors.models import Actor
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def filtered(**params):
    filterset = InitiativeFilter(params, queryset=Initiative.objects.published())
    assert filterset.is_valid(), filterset.errors
    return [initiative.name for initiative in filterset.qs]


@pytest.fixture
def places(make_initiative):
    """Initiatives at every level around Voiron (Isère, Auvergne-Rhône-Alpes)."""
    make_initiative("Épicerie de Voiron", commune="commune-38563")
    make_initiative("Vélo en Pays Voironnais", territories=["epci-243800984"])
    make_initiative("Réseau isérois", commune="commune-38185", territories=["departement-38"])
    make_initiative("Alliance régionale", commune="commune-69123", territories=["region-84"])
    make_initiative("Réseau national", commune="commune-75056", is_national=True)
    make_initiative("Cantine lyonnaise", commune="commune-69123")
    make_initiative("Café de Romans", commune="commune-26281")


def test_a_commune_shows_what_is_there_and_what_acts_on_a_wider_scale(places):
    assert set(filtered(territoire="commune-38563")) == {
        "Épicerie de Voiron",
        "Vélo en Pays Voironnais",
        "Réseau isérois",
        "Alliance régionale",
        "Réseau national",
    }


def test_a_departement_shows_what_is_located_or_acts_inside_it(places):
    assert set(filtered(territoire="departement-38")) == {
        "Épicerie de Voiron",
        "Vélo en Pays Voironnais",
        "Réseau isérois",
        "Alliance régionale",
        "Réseau national",
    }
    assert "Café de Romans" not in filtered(territoire="departement-38")
    assert "Café de Romans" in filtered(territoire="departement-26")


def test_a_region_shows_every_initiative_of_its_communes(places):
    assert set(filtered(territoire="region-84")) == {
        "Épicerie de Voiron",
        "Vélo en Pays Voironnais",
        "Réseau isérois",
        "Alliance régionale",
        "Réseau national",
        "Cantine lyonnaise",
        "Café de Romans",
    }
    assert set(filtered(territoire="region-11")) == {"Réseau national"}


def test_local_initiatives_come_before_those_acting_on_a_wider_scale(places):
    names = filtered(territoire="commune-38563")
    assert names[0] == "Épicerie de Voiron"
    names = filtered(territoire="epci-243800984")
    assert set(names[:2]) == {"Épicerie de Voiron", "Vélo en Pays Voironnais"}
    assert set(names[2:]) == {"Réseau isérois", "Alliance régionale", "Réseau national"}


def test_a_territory_can_be_given_by_name_or_postcode(places):
    assert filtered(territoire="voiron") == filtered(territoire="commune-38563")
    assert filtered(territoire="38500") == filtered(territoire="commune-38563")
    assert filtered(territoire="Isère") == filtered(territoire="departement-38")


def test_an_unknown_territory_is_a_form_error_not_an_empty_page(places):
    filterset = InitiativeFilter({"territoire": "commune-99999"}, Initiative.objects.published())
    assert not filterset.is_valid()
    assert "territoire" in filterset.errors


def test_several_themes_narrow_the_results(make_initiative):
    make_initiative("Vélo solidaire", themes=["mobilite", "insertion"])
    make_initiative("Garage solidaire", themes=["mobilite"])
    make_initiative("Chantier d’insertion", themes=["insertion"])
    assert set(filtered(thematique=["mobilite"])) == {"Vélo solidaire", "Garage solidaire"}
    assert filtered(thematique=["mobilite", "insertion"]) == ["Vélo solidaire"]


def test_a_domaine_covers_its_thematiques(make_initiative):
    make_initiative("Vélo solidaire", themes=["mobilite"])
    make_initiative("Chantier d’insertion", themes=["insertion"])
    assert filtered(thematique=["cadre-de-vie"]) == ["Vélo solidaire"]


def test_publics_stage_structure_and_actor_filter_the_results(make_initiative, make_actor):
    funder = make_actor("France Active", kind=Actor.Kind.NETWORK)
    make_initiative(
        "Cantine",
        publics=["seniors"],
        stage="essaimage",
        structure_type="association",
        actors=[(funder, "financeur")],
    )
    make_initiative("Garage", publics=["jeunesse"], stage="ideation", structure_type="cooperative")
    assert filtered(public=["seniors"]) == ["Cantine"]
    assert filtered(etape="essaimage") == ["Cantine"]
    assert filtered(structure="cooperative") == ["Garage"]
    assert filtered(acteur="france-active") == ["Cantine"]


def test_the_carrier_counts_as_an_actor_of_its_initiative(make_initiative, make_actor):
    carrier = make_actor("Groupe Archer", kind=Actor.Kind.STRUCTURE)
    make_initiative("Pôle Sud", carrier=carrier)
    assert filtered(acteur="groupe-archer") == ["Pôle Sud"]


def test_sorts_by_name_date_and_a_stable_shuffle(make_initiative):
    for index, name in enumerate(["Bravo", "Alpha", "Charlie", "Delta", "Echo"]):
        initiative = make_initiative(name)
        initiative.published_at = initiative.published_at.replace(year=2020 + index)
        initiative.save(update_fields=["published_at"])
    assert filtered(tri="nom") == ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
    assert filtered(tri="recent") == ["Echo", "Delta", "Charlie", "Alpha", "Bravo"]
    shuffled = filtered(tri="hasard")
    assert sorted(shuffled) == ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
    assert filtered(tri="hasard") == shuffled


@pytest.fixture
def around_voiron(make_initiative):
    """Initiatives at known distances from Voiron (commune-38563)."""
    make_initiative("Épicerie de Voiron", commune="commune-38563")  # 0 km
    make_initiative("Atelier grenoblois", commune="commune-38185")  # 23 km
    make_initiative("Café de Romans", commune="commune-26281")  # 55 km
    make_initiative("Cantine lyonnaise", commune="commune-69123")  # 74 km
    make_initiative("Réseau national", is_national=True)  # no position


def test_proximity_keeps_the_initiatives_within_the_radius(around_voiron):
    # Then, without a distance, those acting on all of France.
    assert filtered(pres_de="commune-38563") == ["Épicerie de Voiron", "Réseau national"]
    assert filtered(pres_de="commune-38563", rayon=25) == [
        "Épicerie de Voiron",
        "Atelier grenoblois",
        "Réseau national",
    ]
    assert filtered(pres_de="commune-38563", rayon=60) == [
        "Épicerie de Voiron",
        "Atelier grenoblois",
        "Café de Romans",
        "Réseau national",
    ]
    assert filtered(pres_de="commune-38563", rayon=1) == ["Épicerie de Voiron", "Réseau national"]


def test_proximity_sorts_by_distance_unless_told_otherwise(around_voiron):
    names = filtered(pres_de="commune-38563", rayon=100, tri="nom")
    assert names == [
        "Atelier grenoblois",
        "Café de Romans",
        "Cantine lyonnaise",
        "Épicerie de Voiron",
        "Réseau national",
    ]
    assert filtered(pres_de="Voiron", rayon=100, tri="distance") == [
        "Épicerie de Voiron",
        "Atelier grenoblois",
        "Café de Romans",
        "Cantine lyonnaise",
        "Réseau national",
    ]
    filterset = InitiativeFilter(
        {"pres_de": "38500", "rayon": "100"}, Initiative.objects.published()
    )
    assert filterset.is_valid()
    distances = [initiative.distance for initiative in filterset.qs]
    assert [distance.km for distance in distances[:4]] == pytest.approx(
        [0, 22.6, 55.5, 74.1], abs=1
    )
    assert distances[4:] == [None]


def test_sorting_by_distance_without_a_place_falls_back_to_the_newest(around_voiron):
    filterset = InitiativeFilter({"tri": "distance"}, Initiative.objects.published())
    assert filterset.is_valid()
    assert filterset.sort == "recent"
    assert len(filterset.qs) == 5


def test_pertinence_without_words_means_nearest_around_a_place_else_newest(around_voiron):
    def sort(**params):
        filterset = InitiativeFilter(params, Initiative.objects.published())
        assert filterset.is_valid()
        return filterset.sort

    assert sort(tri="pertinence") == "recent"
    assert sort(tri="pertinence", pres_de="commune-38563") == "distance"
    assert sort(tri="pertinence", pres_de="commune-38563", q="épicerie") == "pertinence"
    assert sort(tri="nom", pres_de="commune-38563") == "nom"


def test_the_radius_is_bounded_and_the_place_must_be_known(around_voiron):
    for params, field in (
        ({"pres_de": "commune-38563", "rayon": "0"}, "rayon"),
        ({"pres_de": "commune-38563", "rayon": "201"}, "rayon"),
        ({"pres_de": "commune-38563", "rayon": "vingt"}, "rayon"),
        ({"pres_de": "Atlantide"}, "pres_de"),
    ):
        filterset = InitiativeFilter(params, Initiative.objects.published())
        assert not filterset.is_valid(), params
        assert field in filterset.errors, params
    # A wrong radius is ignored, as any wrong filter: the default radius (20 km) applies.
    filterset = InitiativeFilter(
        {"pres_de": "commune-38563", "rayon": "999"}, Initiative.objects.published()
    )
    assert [initiative.name for initiative in filterset.qs] == [
        "Épicerie de Voiron",
        "Réseau national",
    ]


def test_proximity_combines_with_the_other_filters(make_initiative):
    make_initiative("Vélo de Voiron", themes=["mobilite"], commune="commune-38563")
    make_initiative("Épicerie de Voiron", themes=["commerce"], commune="commune-38563")
    make_initiative("Vélo lyonnais", themes=["mobilite"], commune="commune-69123")
    assert filtered(pres_de="commune-38563", thematique=["mobilite"]) == ["Vélo de Voiron"]
    assert filtered(pres_de="commune-38563", q="vélo", rayon=200, tri="distance") == [
        "Vélo de Voiron",
        "Vélo lyonnais",
    ]


def test_a_territory_can_be_given_as_the_autocomplete_writes_it(places):
    assert filtered(territoire="Voiron (38500)") == filtered(territoire="commune-38563")
    assert filtered(pres_de="Voiron (38500)") == filtered(pres_de="commune-38563")


def test_a_name_two_communes_share_is_explained_not_guessed(places):
    filterset = InitiativeFilter({"territoire": "Montagny"}, Initiative.objects.published())
    assert not filterset.is_valid()
    assert filterset.form.has_error("territoire", "ambiguous")


def test_the_shuffle_starts_elsewhere_with_another_seed_and_lists_everyone_once(
    make_initiative,
):
    for number in range(12):
        make_initiative(f"Atelier {number:02d}")
    published = Initiative.objects.published()
    orders = {
        seed: [i.name for i in published.ordered_by("hasard", seed=seed)] for seed in range(1, 6)
    }
    assert all(sorted(order) == sorted(orders[1]) for order in orders.values())
    # Another day, another first initiative.
    assert len({order[0] for order in orders.values()}) > 1
