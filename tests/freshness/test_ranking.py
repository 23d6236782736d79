"""A search prefers, among equally relevant fiches, those verified within the year."""

import datetime

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def names(visitor, **params):
    response = visitor.get("/initiatives/", params)
    return [card.name for card in response.context["results"].page.object_list]


def test_among_equals_a_fiche_verified_this_year_comes_first(visitor, make_initiative):
    now = timezone.now()
    newest = make_initiative("Cantine Alpha", published_at=now - datetime.timedelta(days=10))
    verified = make_initiative("Cantine Bravo", published_at=now - datetime.timedelta(days=900))
    stale = make_initiative("Cantine Charlie", published_at=now - datetime.timedelta(days=20))
    verified.mark_verified(now - datetime.timedelta(days=100))
    stale.mark_verified(now - datetime.timedelta(days=500))
    # Same words, same rank: the fresh one first, then the newest first as before.
    assert names(visitor, q="cantine") == ["Cantine Bravo", "Cantine Alpha", "Cantine Charlie"]
    assert newest.verified_at is None


def test_freshness_never_beats_relevance(visitor, make_initiative):
    now = timezone.now()
    verified = make_initiative("Atelier vélo", summary="Réparer son vélo, cantine le midi.")
    verified.mark_verified(now - datetime.timedelta(days=1))
    make_initiative("Cantine du quartier", published_at=now - datetime.timedelta(days=3000))
    assert names(visitor, q="cantine") == ["Cantine du quartier", "Atelier vélo"]


def test_the_newest_first_order_ignores_freshness(visitor, make_initiative):
    now = timezone.now()
    make_initiative("Cantine Alpha", published_at=now - datetime.timedelta(days=10))
    verified = make_initiative("Cantine Bravo", published_at=now - datetime.timedelta(days=900))
    verified.mark_verified(now)
    assert names(visitor, q="cantine", tri="recent") == ["Cantine Alpha", "Cantine Bravo"]
