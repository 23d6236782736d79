import pytest
from django.core.management import call_command

from initiatives.models import Initiative, SearchTerm
from themes.models import Theme

pytestmark = pytest.mark.django_db


def test_the_command_reindexes_after_a_theme_is_renamed(make_initiative):
    make_initiative("Atelier vélo", themes=["mobilite"])
    Theme.objects.filter(slug="mobilite").update(name="Déplacements doux")
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


def test_the_facets_follow_an_edited_stage_after_the_refresh(make_initiative, client):
    wimoov = make_initiative("Wimoov", stage="essaimage", structure_type="association")
    Initiative.objects.filter(pk=wimoov.pk).update(stage="ideation", structure_type="collectif")
    Initiative.objects.filter(pk=wimoov.pk).refresh_search()
    results = client.get("/initiatives/", {"q": "wimoov"}).context["results"]
    assert [(facet.value[0], facet.count) for facet in results.stages] == [("ideation", 1)]
    assert [(facet.value[0], facet.count) for facet in results.structures] == [("collectif", 1)]
