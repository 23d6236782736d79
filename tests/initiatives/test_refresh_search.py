import pytest
from django.core.management import call_command
from django.db import connection

from initiatives.models import Initiative, SearchTerm

pytestmark = pytest.mark.django_db


def test_the_command_reindexes_after_a_theme_is_renamed_in_sql(make_initiative):
    make_initiative("Atelier vélo", themes=["mobilite"])
    # Written in SQL, past the models that keep the index right.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE themes_theme SET name = 'Déplacements doux' WHERE slug = 'mobilite'")
    assert not Initiative.objects.published().search("déplacements").exists()
    call_command("refresh_search", stdout=None)
    assert [i.name for i in Initiative.objects.published().search("déplacements")] == [
        "Atelier vélo"
    ]


def test_the_dictionary_of_words_only_holds_published_words(make_initiative):
    make_initiative("Wimoov")
    make_initiative("Zorglub secret", status="draft")
    call_command("refresh_search", stdout=None)
    assert SearchTerm.objects.filter(word="wimoov").exists()
    assert not SearchTerm.objects.filter(word="zorglub").exists()


def test_the_facets_follow_a_stage_edited_by_a_queryset_update(make_initiative, client):
    wimoov = make_initiative("Wimoov", stage="essaimage", structure_type="association")
    Initiative.objects.filter(pk=wimoov.pk).update(stage="ideation", structure_type="collectif")
    results = client.get("/initiatives/", {"q": "wimoov"}).context["results"]
    assert [(facet.value[0], facet.count) for facet in results.stages] == [("ideation", 1)]
    assert [(facet.value[0], facet.count) for facet in results.structures] == [("collectif", 1)]
