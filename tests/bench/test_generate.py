import pytest
from django.core.management import call_command

from initiatives.models import Initiative
from tests.shared_data import module_data


@pytest.fixture(scope="module")
def generated_once(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker):
        yield generate()


@pytest.fixture
def generated(generated_once, db):
    """Fifty fictitious initiatives, generated once for this module."""
    return generated_once


def generate(count=50, seed=1):
    call_command("generate_initiatives", count=count, seed=seed, batch_size=20)
    return list(Initiative.objects.filter(is_fictitious=True).order_by("id"))


def test_it_creates_fictitious_published_initiatives(generated):
    initiatives = generated
    assert len(initiatives) == 50
    for initiative in initiatives:
        assert initiative.is_fictitious
        assert initiative.status == Initiative.Status.PUBLISHED
        assert initiative.published_at is not None
        assert initiative.contact_email.endswith("@exemple.invalid")


def test_each_initiative_has_themes_a_commune_and_a_search_document(generated):
    for initiative in generated:
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


def test_each_initiative_has_one_site_its_commune_and_point(generated):
    for initiative in generated:
        (site,) = initiative.sites.all()
        assert (site.commune_id, site.point) == (initiative.commune_id, initiative.point)


def test_it_acts_on_the_commune_or_a_wider_territory(generated):
    initiatives = generated
    for initiative in initiatives:
        places = list(initiative.territories.all())
        assert places or initiative.is_national
        for place in places:
            assert place.pk in initiative.commune.ancestor_ids


def test_generated_initiatives_are_found_by_a_word_of_their_summary(generated):
    initiative = generated[0]
    word = max(initiative.summary.replace("’", " ").split(), key=len).strip(".,")
    found = Initiative.objects.published().search(word)
    assert initiative in found
    # A word no summary contains finds none: the search above really filtered.
    assert not Initiative.objects.published().search("xylophone").exists()
