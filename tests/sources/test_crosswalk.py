"""A source's tag crosswalk: its tags → our thématiques and publics."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from sources.models import SourceTag
from sources.services import crosswalk_record
from themes.models import Public, Theme


@pytest.fixture
def source(make_source):
    source = make_source("Carrefour d’origine", slug="carrefour-origine")
    mob = SourceTag.objects.create(source=source, code="MOB", label="Mobilité")
    mob.themes.set(Theme.objects.filter(slug="mobilite"))
    seniors = SourceTag.objects.create(source=source, code="Personnes âgées")
    seniors.publics.set(Public.objects.filter(slug="seniors"))
    both = SourceTag.objects.create(source=source, code="AID", label="Aide à l’autonomie")
    both.themes.set(Theme.objects.filter(slug__in=["mobilite", "sante"]))
    both.publics.set(Public.objects.filter(slug="seniors"))
    SourceTag.objects.create(source=source, code="Lauréats 2019", is_ignored=True)
    SourceTag.objects.create(source=source, code="XYZ")
    return source


def test_it_maps_tags_to_themes_and_publics_and_lists_the_others(source, django_assert_num_queries):
    # Read once (the tags, their themes, their publics), then applied row by row.
    with django_assert_num_queries(3):
        crosswalk = source.crosswalk()
    with django_assert_num_queries(0):
        themes, publics, unmapped = crosswalk.apply(
            [" mob ", "AID", "personnes  âgées", "Lauréats 2019", "XYZ", "Inconnu", "inconnu", ""]
        )
    assert sorted(theme.slug for theme in themes) == ["mobilite", "sante"]
    assert [public.slug for public in publics] == ["seniors"]
    # A tag set aside maps to nothing and is not reported; unknown ones once each.
    assert unmapped == ["XYZ", "Inconnu"]


def test_an_import_adds_its_new_tags_unmapped_and_counts_every_tag(source):
    seen_at = timezone.now()
    created = crosswalk_record(
        source=source, counts={"MOB": 12, " Nouveau  tag": 3, "nouveau tag": 1}, seen_at=seen_at
    )
    assert [tag.code for tag in created] == ["Nouveau tag"]
    tags = {tag.code: (tag.rows_count, tag.last_seen_at) for tag in source.tags.all()}
    assert tags["Nouveau tag"] == (4, seen_at)
    assert tags["MOB"] == (12, seen_at)
    # Not in this import: no rows, and its last sighting is kept.
    assert tags["XYZ"] == (0, None)
    unmapped = sorted(tag.code for tag in source.tags.unmapped())
    assert unmapped == ["Nouveau tag", "XYZ"]


def test_a_source_has_one_tag_per_code_whatever_its_case(source):
    with pytest.raises(IntegrityError):
        SourceTag.objects.create(source=source, code="mob")


def test_a_source_is_due_after_its_refresh_period(make_source):
    now = timezone.now()
    weekly = make_source("Hebdomadaire", refresh_days=7)
    assert weekly.is_due(now)
    weekly.last_run_at = now - datetime.timedelta(days=6)
    assert not weekly.is_due(now)
    weekly.last_run_at = now - datetime.timedelta(days=7)
    assert weekly.is_due(now)
    assert not make_source("À la main").is_due(now)
