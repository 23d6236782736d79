"""generate_initiatives run by each test: seeds, repeated runs, actors, errors."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from initiatives.models import Initiative, InitiativeActor
from territories.models import Territory


def generate(count=50, seed=1):
    call_command("generate_initiatives", count=count, seed=seed, batch_size=20)
    return list(Initiative.objects.filter(is_fictitious=True).order_by("id"))


def test_the_same_seed_gives_the_same_names(db):
    first = [initiative.name for initiative in generate(seed=1)]
    Initiative.objects.filter(is_fictitious=True).delete()
    again = [initiative.name for initiative in generate(seed=1)]
    assert again == first
    Initiative.objects.filter(is_fictitious=True).delete()
    other = [initiative.name for initiative in generate(seed=2)]
    assert other != first


def test_running_twice_keeps_slugs_unique(db):
    generate(count=30)
    initiatives = generate(count=30)
    assert len(initiatives) == 60
    assert len({initiative.slug for initiative in initiatives}) == 60


def test_it_gives_roles_to_existing_actors(make_actor):
    funder = make_actor("Fondation des essais", kind="fondation")
    region = make_actor("Région des essais", kind="collectivite")
    generate()
    roles = set(InitiativeActor.objects.values_list("actor_id", "role"))
    assert roles <= {(funder.pk, "financeur"), (region.pk, "collectivite-partenaire")}
    assert roles


def test_actors_of_a_territory_support_only_initiatives_located_there(make_actor, territory):
    isere = territory("departement-38")
    department = make_actor("Département de l’Isère", kind="collectivite", territory=isere)
    national = make_actor("Fondation nationale", kind="fondation", is_national=True)
    initiatives = generate(count=200)
    supported = {actor: set() for actor in (department.pk, national.pk)}
    for initiative_id, actor_id in InitiativeActor.objects.values_list("initiative", "actor"):
        supported[actor_id].add(initiative_id)
    in_isere = {i.pk for i in initiatives if i.commune.departement_id == isere.pk}
    assert supported[department.pk]
    assert supported[department.pk] <= in_isere
    assert supported[national.pk] - in_isere


def test_it_refuses_to_run_without_communes(db):
    Territory.objects.update(point=None)
    with pytest.raises(CommandError, match="commune"):
        call_command("generate_initiatives", count=5)
