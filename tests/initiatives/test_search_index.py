"""The search index follows every write, whoever makes it: the shell, a
command, an import, not only the admin."""

import pytest
from django.db import connection

from initiatives.models import Initiative
from themes.models import Public, Theme

pytestmark = pytest.mark.django_db


def found(words):
    return [initiative.name for initiative in Initiative.objects.published().search(words)]


def test_an_initiative_saved_in_the_shell_is_found_by_its_new_words(make_initiative):
    wimoov = make_initiative("Wimoov", summary="Des plateformes de mobilité.")
    wimoov.summary = "Des trottinettes prêtées aux apprentis."
    wimoov.save()
    assert found("trottinettes") == ["Wimoov"]
    assert found("plateformes") == []


def test_an_initiative_updated_by_a_queryset_is_found_by_its_new_name(make_initiative):
    wimoov = make_initiative("Wimoov")
    Initiative.objects.filter(pk=wimoov.pk).update(name="Cyclofficine")
    assert found("cyclofficine") == ["Cyclofficine"]


def test_a_theme_added_in_the_shell_filters_the_initiative(make_initiative):
    wimoov = make_initiative("Wimoov")
    wimoov.themes.add(Theme.objects.get(slug="mobilite"))
    assert list(Initiative.objects.published().with_themes([wimoov.themes.get()])) == [wimoov]
    # From the theme's side too.
    Theme.objects.get(slug="mobilite").initiatives.clear()
    wimoov.refresh_from_db()
    assert wimoov.theme_ids == []


def test_an_actor_renamed_outside_the_admin_is_found_under_its_new_name(
    make_actor, make_initiative
):
    funder = make_actor("Fondation Cognacq-Jay")
    carrier = make_actor("Groupe Archer", kind="structure")
    make_initiative("Les Petites Cantines", actors=[(funder, "financeur")])
    make_initiative("Pôle Sud", carrier=carrier)
    funder.name = "Fondation Lumière"
    funder.save()
    carrier.__class__.objects.filter(pk=carrier.pk).update(name="Groupe Horizon")
    assert found("lumière") == ["Les Petites Cantines"]
    assert found("horizon") == ["Pôle Sud"]
    assert found("cognacq") == []


def test_a_deleted_actor_leaves_the_search_of_its_initiatives(make_actor, make_initiative):
    funder = make_actor("Fondation Cognacq-Jay")
    make_initiative("Les Petites Cantines", actors=[(funder, "financeur")])
    funder.delete()
    assert found("cognacq") == []


def test_a_theme_or_public_renamed_outside_the_admin_is_searched_under_its_new_name(
    make_initiative,
):
    make_initiative("Wimoov", themes=["mobilite"], publics=["seniors"])
    mobilite = Theme.objects.get(slug="mobilite")
    mobilite.name = "Déplacements doux"
    mobilite.save()
    Public.objects.filter(slug="seniors").update(name="Aînés")
    assert found("déplacements") == ["Wimoov"]
    assert found("aînés") == ["Wimoov"]


def test_a_territory_renamed_outside_the_admin_is_searched_under_its_new_name(
    make_initiative, territory
):
    make_initiative("Épicerie de quartier", commune="commune-38563")
    voiron = territory("commune-38563")
    voiron.name = "Voiron-les-Pins"
    voiron.save()
    assert found("pins") == ["Épicerie de quartier"]
    territory("commune-38563").__class__.objects.filter(code="38563").update(name="Voiron-Lac")
    assert found("lac") == ["Épicerie de quartier"]


def test_the_columns_read_for_every_match_stay_in_their_row():
    # Out of line, each read of a filter's array cost three blocks of the TOAST
    # table (migration 0018): PostgreSQL keeps "main" columns in their row
    # unless the row would not fit in a block.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute"
            " WHERE attrelid = 'initiatives_initiative'::regclass AND attstorage = 'm'"
        )
        kept = {name for name, _storage in cursor.fetchall()}
    assert kept >= {
        "document",
        "headline",
        "area_ids",
        "action_ids",
        "theme_ids",
        "public_ids",
        "actor_ids",
        "facet_keys",
    }
