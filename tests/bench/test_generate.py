import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from initiatives.models import Initiative, InitiativeActor
from territories.models import Territory


def generate(count=50, seed=1):
    call_command("generate_initiatives", count=count, seed=seed, batch_size=20)
    return list(Initiative.objects.filter(is_fictitious=True).order_by("id"))


def test_it_creates_fictitious_published_initiatives(db):
    initiatives = generate()
    assert len(initiatives) == 50
    for initiative in initiatives:
        assert initiative.is_fictitious
        assert initiative.status == Initiative.Status.PUBLISHED
        assert initiative.published_at is not None
        assert initiative.contact_email.endswith("@exemple.invalid")


def test_each_initiative_has_themes_a_commune_and_a_search_document(db):
    for initiative in generate():
        themes = list(initiative.themes.all())
        assert 1 <= len(themes) <= 3
        assert all(theme.parent_id is not None for theme in themes)
        assert initiative.commune.kind == "commune"
        # The point is the commune's, moved by less than a kilometre.
        assert initiative.point.distance(initiative.commune.point) < 0.01
        assert initiative.document
        assert set(initiative.theme_ids) >= {theme.pk for theme in themes}
        assert initiative.commune_id in initiative.area_ids
        assert 100 < len(initiative.description.split()) < 300


def test_it_acts_on_the_commune_or_a_wider_territory(db):
    initiatives = generate()
    for initiative in initiatives:
        places = list(initiative.territories.all())
        assert places or initiative.is_national
        for place in places:
            assert place.pk in initiative.commune.ancestor_ids


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


def test_generated_initiatives_are_found_by_a_word_of_their_summary(db):
    initiative = generate()[0]
    word = max(initiative.summary.replace("’", " ").split(), key=len).strip(".,")
    found = Initiative.objects.published().search(word)
    assert initiative in found
    # A word no summary contains finds none: the search above really filtered.
    assert not Initiative.objects.published().search("xylophone").exists()


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
