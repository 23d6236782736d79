"""Sources in the admin: their counts, their crosswalk, and the listings on an
initiative's page; what the "Modérateurs" group may do with them."""

import pytest
from django.contrib.auth.models import Group

from initiatives.models import Initiative
from moderation.models import MODERATORS_GROUP
from sources.models import SourceTag
from tests.queries import count_queries
from themes.models import Theme

SOURCES = "/admin/sources/source/"


@pytest.fixture
def medcoop(make_source, make_initiative, list_in):
    source = make_source("MEDCOOP", format="cis-csv")
    list_in(source, make_initiative("Vrac"), "V-1", page_url="https://medcoop.example.org/vrac")
    list_in(source, make_initiative("Brouillon", status=Initiative.Status.DRAFT), "B-2")
    list_in(source, make_initiative("Ancienne"), "A-3", still_listed=False)
    mapped = SourceTag.objects.create(source=source, code="MOB", rows_count=40)
    mapped.themes.set(Theme.objects.filter(slug="mobilite"))
    SourceTag.objects.create(source=source, code="Rare", rows_count=1)
    SourceTag.objects.create(source=source, code="Fréquent", rows_count=25)
    SourceTag.objects.create(source=source, code="Lauréats 2019", is_ignored=True)
    return source


def test_the_list_of_sources_counts_listed_initiatives_and_unmapped_tags(moderator_client, medcoop):
    response = moderator_client.get(SOURCES)
    assert response.status_code == 200
    row = response.context["cl"].result_list[0]
    # Drafts count (moderators follow them); dropped ones do not.
    assert (row.listed_count, row.unmapped_count) == (2, 2)
    assert f"/admin/initiatives/initiative/?source={medcoop.pk}" in response.text
    unmapped_url = (
        f"/admin/sources/sourcetag/?source__id__exact={medcoop.pk}&amp;correspondance=sans"
    )
    assert unmapped_url in response.text


def test_the_crosswalk_lists_the_unmapped_tags_first_most_used_first(moderator_client, medcoop):
    response = moderator_client.get(f"{SOURCES}{medcoop.pk}/change/")
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance.code for form in formset.forms] == [
        "Fréquent",
        "Rare",
        "MOB",
        "Lauréats 2019",
    ]


def test_a_moderator_maps_an_unmapped_tag_in_the_crosswalk(moderator_client, medcoop):
    tags = list(medcoop.tags.with_mapping_state().order_by("-is_unmapped", "-rows_count", "code"))
    mobilite = Theme.objects.get(slug="mobilite")
    data = {
        "name": medcoop.name,
        "slug": medcoop.slug,
        "format": medcoop.format,
        "trust": medcoop.trust,
        "tags-TOTAL_FORMS": str(len(tags)),
        "tags-INITIAL_FORMS": str(len(tags)),
        "tags-MIN_NUM_FORMS": "0",
        "tags-MAX_NUM_FORMS": "1000",
    }
    for number, tag in enumerate(tags):
        data[f"tags-{number}-id"] = tag.pk
        data[f"tags-{number}-source"] = medcoop.pk
        data[f"tags-{number}-code"] = tag.code
        data[f"tags-{number}-themes"] = [theme.pk for theme in tag.themes.all()]
        if tag.is_ignored:
            data[f"tags-{number}-is_ignored"] = "on"
    data["tags-0-themes"] = [mobilite.pk]  # "Fréquent"

    response = moderator_client.post(f"{SOURCES}{medcoop.pk}/change/", data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(SourceTag.objects.get(code="Fréquent").themes.all()) == [mobilite]
    assert [tag.code for tag in medcoop.tags.unmapped()] == ["Rare"]


def test_the_unmapped_tags_of_every_source_can_be_listed(moderator_client, medcoop):
    response = moderator_client.get("/admin/sources/sourcetag/", {"correspondance": "sans"})
    assert response.status_code == 200
    assert sorted(tag.code for tag in response.context["cl"].result_list) == ["Fréquent", "Rare"]


def test_the_initiative_page_shows_its_listings_read_only(moderator_client, medcoop):
    vrac = Initiative.objects.get(slug="vrac")
    response = moderator_client.get(f"/admin/initiatives/initiative/{vrac.pk}/change/")
    assert response.status_code == 200
    assert "V-1" in response.text
    assert "https://medcoop.example.org/vrac" in response.text
    listings = [
        formset
        for formset in response.context["inline_admin_formsets"]
        if formset.formset.model._meta.model_name == "sourcelisting"
    ][0]
    assert not listings.has_add_permission
    assert not listings.has_change_permission


def test_the_initiatives_a_source_lists_can_be_listed(moderator_client, medcoop):
    response = moderator_client.get("/admin/initiatives/initiative/", {"source": medcoop.pk})
    assert response.status_code == 200
    names = sorted(initiative.name for initiative in response.context["cl"].result_list)
    assert names == ["Brouillon", "Vrac"]


def test_moderators_see_sources_and_edit_crosswalks_but_never_delete_a_source(db):
    codenames = set(
        Group.objects.get(name=MODERATORS_GROUP)
        .permissions.filter(content_type__app_label="sources")
        .values_list("codename", flat=True)
    )
    assert {"view_source", "change_source", "view_sourcelisting", "change_sourcetag"} <= codenames
    assert {"add_sourcetag", "delete_sourcetag"} <= codenames
    assert not {"delete_source", "add_sourcelisting", "delete_sourcelisting"} & codenames


def test_a_moderator_opens_every_sources_page_of_the_admin(moderator_client, medcoop):
    for url in (SOURCES, f"{SOURCES}{medcoop.pk}/change/", "/admin/sources/sourcetag/"):
        assert moderator_client.get(url).status_code == 200, url
    assert moderator_client.post(f"{SOURCES}{medcoop.pk}/delete/").status_code == 403


def test_the_list_of_sources_costs_the_same_however_many_sources(
    moderator_client, make_source, make_initiative, list_in
):
    def add(count, offset):
        for number in range(offset, offset + count):
            source = make_source(f"Réseau {number}")
            list_in(source, make_initiative(f"Atelier {number}"))
            SourceTag.objects.create(source=source, code="XYZ")

    add(2, 0)
    few = count_queries(moderator_client, SOURCES, warm=True)
    add(10, 2)
    # The sources with their two counts are one query, whatever their number.
    assert count_queries(moderator_client, SOURCES, warm=True) == few


def test_the_crosswalk_page_costs_the_same_however_many_tags(moderator_client, make_source):
    source = make_source("Carrefour d’origine", slug="carrefour-origine")
    mobilite = Theme.objects.get(slug="mobilite")

    def add(count, offset):
        for number in range(offset, offset + count):
            tag = SourceTag.objects.create(source=source, code=f"TAG{number}")
            if number % 2:
                tag.themes.add(mobilite)

    add(2, 0)
    url = f"{SOURCES}{source.pk}/change/"
    few = count_queries(moderator_client, url, warm=True)
    add(20, 2)
    # The themes and publics to choose from are read once for every tag, and
    # the tags' own choices with the tags.
    assert count_queries(moderator_client, url, warm=True) == few
    # Each tag still shows its own mapping among every choice.
    html = moderator_client.get(url).text
    assert html.count(f'<option value="{mobilite.pk}" selected>') == 11
    assert f"{mobilite.parent.name} › Mobilité" in html
