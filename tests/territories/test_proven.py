"""The proven initiatives (territories.models.ProvenInitiative), which the
dashboards suggest elsewhere: they follow every write of an initiative."""

import pytest

from initiatives.models import Initiative
from territories.models import ProvenInitiative, Territory

pytestmark = pytest.mark.django_db


def proven():
    return set(
        Initiative.objects.filter(
            pk__in=ProvenInitiative.objects.values("initiative_id")
        ).values_list("name", flat=True)
    )


@pytest.fixture
def garage(make_initiative):
    """A consolidated garage of Voiron, on one site: not proven yet."""
    return make_initiative(
        "Garage solidaire",
        themes=["mobilite"],
        commune="commune-38563",
        stage=Initiative.Stage.CONSOLIDATION,
    )


def test_a_second_site_or_a_second_territory_makes_it_proven(garage, make_initiative):
    assert proven() == set()

    garage.sites.create(position=1, commune=Territory.objects.by_key("commune-38185"))
    make_initiative(
        "Cantine essaimée",
        themes=["cohesion-sociale"],
        stage=Initiative.Stage.ESSAIMAGE,
        territories=["commune-38185", "commune-38151"],
    )

    assert proven() == {"Garage solidaire", "Cantine essaimée"}
    row = ProvenInitiative.objects.get(initiative=garage)
    assert Territory.objects.by_key("commune-38185").pk in row.area_ids


def test_a_site_removed_an_earlier_stage_or_unpublished_it_no_longer_is(garage):
    second = garage.sites.create(position=1, commune=Territory.objects.by_key("commune-38185"))
    second.delete()
    assert proven() == set()

    garage.sites.create(position=1, commune=Territory.objects.by_key("commune-38185"))
    garage.stage = Initiative.Stage.EXPERIMENTATION
    garage.save()
    assert proven() == set()

    garage.stage = Initiative.Stage.ESSAIMAGE
    garage.save()
    assert proven() == {"Garage solidaire"}
    garage.archive()
    assert proven() == set()
    garage.restore()
    assert proven() == {"Garage solidaire"}
    garage.delete()
    assert proven() == set()
