"""Imported fiches take their freshness from their source's update date."""

import datetime

import pytest
from django.utils import timezone

from freshness.services import reminders_send
from outbox.models import Email
from sources.models import Source, SourceListing
from tests.freshness.conftest import day

pytestmark = pytest.mark.django_db


@pytest.fixture
def avise(db):
    return Source.objects.create(name="Avise", slug="avise", format=Source.Format.CIS_CSV)


def test_a_fiche_listed_by_a_source_counts_as_verified_on_its_update(visitor, avise, fiche):
    SourceListing.objects.create(
        source=avise, initiative=fiche, identifier="4512", source_updated_at="2026-03-12"
    )
    fiche.refresh_from_db()
    assert timezone.localtime(fiche.verified_at).date() == datetime.date(2026, 3, 12)
    html = visitor.get("/initiatives/cantine-solidaire/").content.decode()
    assert "Vérifiée le 12 mars 2026" in html
    assert "vérifiée en mars 2026" in visitor.get("/initiatives/?q=cantine").content.decode()


def test_an_older_source_update_does_not_undo_a_later_verification(avise, fiche):
    fiche.mark_verified(day(2026, 6, 1))
    listing = SourceListing.objects.create(
        source=avise, initiative=fiche, identifier="4512", source_updated_at="2026-03-12"
    )
    fiche.refresh_from_db()
    assert fiche.verified_at == day(2026, 6, 1)
    # The source updates it again, later: that date counts.
    listing.source_updated_at = datetime.date(2026, 7, 2)
    listing.save()
    fiche.refresh_from_db()
    assert timezone.localtime(fiche.verified_at).date() == datetime.date(2026, 7, 2)


def test_a_source_that_no_longer_lists_it_does_not_count(avise, fiche):
    SourceListing.objects.create(
        source=avise,
        initiative=fiche,
        identifier="4512",
        source_updated_at="2026-03-12",
        still_listed=False,
    )
    fiche.refresh_from_db()
    assert fiche.verified_at is None


def test_the_daily_run_takes_the_sources_dates_before_asking(avise, fiche):
    listing = SourceListing.objects.create(source=avise, initiative=fiche, identifier="4512")
    # Written without the model (as a bulk import would): the daily run reads it.
    SourceListing.objects.filter(pk=listing.pk).update(source_updated_at="2025-12-01")
    reminders_send(now=day(2026, 1, 10))
    assert not Email.objects.exists()
    fiche.refresh_from_db()
    assert timezone.localtime(fiche.verified_at).date() == datetime.date(2025, 12, 1)
    # A year after the source's update, the holders are asked.
    reminders_send(now=day(2026, 12, 1))
    assert Email.objects.count() == 1


def test_a_recent_source_update_stops_the_reminders_under_way(avise, fiche):
    reminders_send(now=day(2026, 1, 10))
    listing = SourceListing.objects.create(source=avise, initiative=fiche, identifier="4512")
    SourceListing.objects.filter(pk=listing.pk).update(source_updated_at="2026-01-15")
    reminders_send(now=day(2026, 1, 25))
    assert Email.objects.count() == 1  # no second reminder
    fiche.refresh_from_db()
    assert (fiche.reminders_sent, fiche.to_verify_since) == (0, None)
