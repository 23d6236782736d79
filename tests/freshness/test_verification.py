"""What else counts as a verification: the holders' own writing, approved."""

import pytest
from django.utils import timezone

from moderation.services import initiative_publish, revision_approve
from submissions.models import Revision
from submissions.proposals import proposal_from_initiative
from tests.freshness.conftest import day

pytestmark = pytest.mark.django_db


def test_a_submission_published_counts_as_verified_when_sent(make_initiative, holder, moderator):
    initiative = make_initiative("Cantine proposée", status="pending", submitted_at=day(2026, 3, 2))
    initiative.holders.add(holder)
    initiative_publish(initiative=initiative, moderator=moderator)
    initiative.refresh_from_db()
    assert initiative.verified_at == day(2026, 3, 2)


def test_a_fiche_published_by_a_moderator_alone_is_not_verified(make_initiative, moderator):
    initiative = make_initiative("Cantine importée", status="pending", submitted_at=day(2026, 3, 2))
    initiative_publish(initiative=initiative, moderator=moderator)
    initiative.refresh_from_db()
    assert initiative.verified_at is None


def test_an_approved_edit_of_a_holder_verifies_the_fiche(fiche, holder, moderator):
    data = proposal_from_initiative(fiche)
    data["summary"] = "Des repas à prix libre, midi et soir."
    revision = Revision.objects.create(initiative=fiche, author=holder, data=data)
    before = timezone.now()
    revision_approve(revision=revision, moderator=moderator)
    fiche.refresh_from_db()
    assert fiche.summary == "Des repas à prix libre, midi et soir."
    assert before > fiche.verified_at >= revision.created_at
