"""Every worker agrees: the counts of the whole directory and the taxonomy,
kept in the shared cache or in a worker's memory, follow every change."""

import pytest

from carrefour import versions
from initiatives.models import Initiative
from moderation.services import initiative_archive, initiative_publish
from themes import catalogue
from themes.models import Theme

pytestmark = pytest.mark.django_db


def domains_of(response):
    return {facet.value.slug: facet.count for facet in response.context["results"].themes}


def test_a_publication_is_counted_at_once_by_the_unfiltered_list(
    visitor, make_initiative, moderator
):
    make_initiative("Wimoov", themes=["mobilite"])
    vrac = make_initiative("VRAC", themes=["commerce"], status=Initiative.Status.PENDING)
    assert visitor.get("/initiatives/").context["results"].total == 1  # counted and cached

    initiative_publish(initiative=vrac, moderator=moderator)

    response = visitor.get("/initiatives/")
    assert response.context["results"].total == 2
    assert domains_of(response) == {"cadre-de-vie": 1, "developpement-economique": 1}
    assert "VRAC" in response.content.decode()


def test_an_archived_initiative_leaves_the_counts_at_once(visitor, make_initiative, moderator):
    make_initiative("Wimoov", themes=["mobilite"])
    vrac = make_initiative("VRAC", themes=["commerce"])
    assert visitor.get("/initiatives/").context["results"].total == 2

    initiative_archive(initiative=vrac, moderator=moderator)

    response = visitor.get("/initiatives/")
    assert response.context["results"].total == 1
    assert domains_of(response) == {"cadre-de-vie": 1}
    assert visitor.get("/").context["overview"].total == 1


def test_a_theme_renamed_by_one_worker_is_seen_by_another(visitor, make_initiative):
    make_initiative("Wimoov", themes=["mobilite"])
    visitor.get("/initiatives/")  # this worker reads the taxonomy
    other_worker = dict(catalogue._cached)

    mobilite = Theme.objects.get(slug="mobilite")
    mobilite.name = "Déplacements doux"
    mobilite.save()
    # The other worker still holds the taxonomy it read before the change.
    catalogue._cached.update(other_worker)

    html = visitor.get("/initiatives/", {"q": "wimoov"}).content.decode()
    assert "Déplacements doux" in html
    assert "Mobilité" not in html


def test_an_initiative_archived_in_the_shell_leaves_the_counts_at_once(visitor, make_initiative):
    make_initiative("Wimoov", themes=["mobilite"])
    vrac = make_initiative("VRAC", themes=["commerce"])
    assert visitor.get("/initiatives/").context["results"].total == 2

    vrac = Initiative.objects.get(pk=vrac.pk)
    vrac.status = Initiative.Status.ARCHIVED
    vrac.save()

    assert visitor.get("/initiatives/").context["results"].total == 1


def test_editing_a_draft_does_not_make_every_worker_recount_the_directory(make_initiative):
    make_initiative("Wimoov")
    draft = make_initiative("Brouillon", status=Initiative.Status.DRAFT)
    token = versions.current("directory")

    draft.summary = "Un autre résumé."
    draft.save()
    versions.forget()

    assert versions.current("directory") == token


def test_a_narrow_search_asks_the_shared_cache_for_its_counts_once_until_a_change(
    visitor, make_initiative, moderator, django_assert_num_queries
):
    make_initiative("Wimoov", themes=["mobilite"])
    vrac = make_initiative("VRAC", themes=["mobilite"], status=Initiative.Status.PENDING)
    params = {"thematique": "mobilite"}
    visitor.get("/initiatives/", params)  # too few results for the shared cache to keep them
    # The version tokens of the shared cache, then the page and its counts in
    # one statement: not the shared cache, which never keeps so few.
    with django_assert_num_queries(2):
        assert visitor.get("/initiatives/", params).context["results"].total == 1

    initiative_publish(initiative=vrac, moderator=moderator)

    # Another directory: its counts are asked for again, and correct.
    with django_assert_num_queries(3):
        response = visitor.get("/initiatives/", params)
    assert response.context["results"].total == 2
    assert "VRAC" in response.content.decode()
