"""Counts and order of searches that find more than the directory counts or
ranks (SEARCH_COUNT_LIMIT, SEARCH_RANK_LIMIT, lowered here so that a few
initiatives exceed them): never a wrong exact number."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carrefour import kept
from initiatives import directory
from initiatives.directory import counting
from initiatives.directory.counting import Count

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshops(make_initiative):
    """Five initiatives with « vélo », the newest first; each a day older."""
    now = timezone.now()
    made = []
    for number in range(5):
        made.append(
            make_initiative(
                f"Atelier vélo {number}",
                themes=["mobilite"],
                commune="commune-38563",
                published_at=now - datetime.timedelta(days=number),
            )
        )
    return made


def test_within_the_bound_the_count_and_facets_are_exact(visitor, workshops, settings):
    settings.SEARCH_COUNT_LIMIT = 5
    response = visitor.get("/initiatives/", {"q": "vélo"})
    html = response.content.decode()
    assert "5 initiatives" in html
    assert "Plus de" not in html
    assert "estimés" not in html
    results = response.context["results"]
    assert results.exact
    children = {f.value.slug: f.count for d in results.themes for f in d.children}
    assert children == {"mobilite": 5}


def test_past_the_bound_the_page_says_more_and_never_a_wrong_number(visitor, workshops, settings):
    settings.SEARCH_COUNT_LIMIT = 3
    response = visitor.get("/initiatives/", {"q": "vélo"})
    html = response.content.decode()
    assert "Plus de 3 initiatives" in html
    assert "4 initiatives" not in html
    assert "5 initiatives" not in html
    results = response.context["results"]
    assert not results.exact
    # Every match is still listed, in order.
    assert [card.name for card in results.page.object_list] == [
        f"Atelier vélo {number}" for number in range(5)
    ]


def test_past_the_bound_facet_counts_are_marked_as_estimates(visitor, workshops, settings):
    settings.SEARCH_COUNT_LIMIT = 3
    response = visitor.get("/initiatives/", {"q": "vélo"})
    html = response.content.decode()
    assert "(nombres estimés)" in html
    facets = response.context["facets"]
    assert facets and all(section.estimated for section in facets)
    counts = [link.count for section in facets for link in section.links]
    assert counts and all(count.startswith("≈") for count in counts)


def test_past_the_bound_the_pages_are_not_numbered_from_a_guess(visitor, workshops, settings):
    settings.SEARCH_COUNT_LIMIT = 3
    settings.INITIATIVES_PER_PAGE = 2
    response = visitor.get("/initiatives/", {"q": "vélo"})
    html = response.content.decode()
    assert "Page 1" in html
    assert "Page 1 sur" not in html


def test_the_api_says_its_total_is_not_exact_past_the_bound(visitor, workshops, settings):
    settings.SEARCH_COUNT_LIMIT = 3
    data = visitor.get("/api/v1/initiatives/", {"q": "vélo"}).json()
    assert data["total_exact"] is False
    assert data["total"] >= 4
    assert len(data["resultats"]) == 5
    settings.SEARCH_COUNT_LIMIT = 10
    data = visitor.get("/api/v1/initiatives/", {"q": "vélo"}).json()
    assert (data["total"], data["total_exact"]) == (5, True)


def test_past_the_bound_the_page_gives_the_statistics_estimate(visitor, make_initiative, settings):
    # 40 fiches with « vélo » among 50, many times rewritten (dead rows, as a
    # table fed by partners has): the estimate reads the statistics of the
    # words, not how far a scan went in the table.
    for number in range(50):
        make_initiative(
            f"Atelier vélo {number}" if number < 40 else f"Jardin partagé {number}",
            themes=["mobilite"] if number < 40 else ["agriculture-alimentation"],
        )
    with connection.cursor() as cursor:
        for _ in range(3):
            cursor.execute("UPDATE initiatives_initiative SET updated_at = updated_at")
        cursor.execute("ANALYZE initiatives_initiative")
    settings.SEARCH_COUNT_LIMIT = 5
    response = visitor.get("/initiatives/", {"q": "vélo"})
    html = " ".join(response.content.decode().split())
    estimate = int(re.search(r"Plus de 5 initiatives, environ (\d+)", html)[1])
    assert 32 <= estimate <= 48
    results = response.context["results"]
    assert (results.total, results.exact, results.count.estimated) == (estimate, False, True)
    # The facet among the six matches read, scaled to the estimate.
    mobility = {f.value.slug: f.count for d in results.themes for f in d.children}["mobilite"]
    assert mobility == estimate


def test_an_estimate_is_bounded_and_rounded():
    # Read past the bound: the planner's figure, two significant digits, at
    # most the published initiatives it expects.
    count = Count.past(10_001, 10_000, expected=74_321, ceiling=100_000)
    assert (count.number, count.exact, count.estimated) == (74_000, False, True)
    assert count.scale(2_000, 10_001) == 15_000
    assert Count.past(10_001, 10_000, expected=130_000, ceiling=100_015).number == 100_000
    # The planner expects no more than the bound the search passed, or has no
    # statistics: only "more than".
    for expected in (9_000, None):
        bounded = Count.past(10_001, 10_000, expected=expected, ceiling=100_000)
        assert (bounded.number, bounded.exact, bounded.estimated) == (10_001, False, False)
    assert Count.past(42, 10_000, expected=7) == Count(42)


def test_pertinence_ranks_the_newest_matches_in_a_name_or_summary_past_the_rank_bound(
    make_initiative, settings
):
    now = timezone.now()
    for days, name, summary, description in [
        (4, "Cantine du quartier", "Manger ensemble.", ""),
        (3, "Repas partagé", "Une cantine le midi.", ""),
        (2, "Atelier couture", "La cantine du coin.", ""),
        (1, "Repair café", "Réparer ensemble.", "Un repas à la cantine."),
    ]:
        make_initiative(
            name,
            summary=summary,
            description=description,
            published_at=now - datetime.timedelta(days=days),
        )

    def ranked():
        found = directory.search({"q": "cantine"})
        return [card.name for card in found.cards]

    # All ranked: the name first, then the summaries (newest first), then the
    # description.
    expected = ["Cantine du quartier", "Atelier couture", "Repas partagé", "Repair café"]
    assert ranked() == expected
    settings.SEARCH_RANK_LIMIT = 3
    assert ranked() == expected
    # The two newest with the word in their name or summary ranked, then the
    # others, newest first.
    settings.SEARCH_RANK_LIMIT = 2
    assert ranked() == ["Atelier couture", "Repas partagé", "Repair café", "Cantine du quartier"]


def test_within_a_territory_its_own_matches_come_first_past_the_rank_bound(
    make_initiative, settings
):
    now = timezone.now()
    make_initiative(
        "Cantine de Voiron",
        commune="commune-38563",
        published_at=now - datetime.timedelta(days=5),
    )
    for days in (1, 2, 3):
        make_initiative(
            f"Cantine iséroise {days}",
            territories=["departement-38"],
            published_at=now - datetime.timedelta(days=days),
        )
    settings.SEARCH_RANK_LIMIT = 2
    found = directory.search({"q": "cantine", "territoire": "commune-38563"})
    names = [card.name for card in found.cards]
    assert names[0] == "Cantine de Voiron"
    assert sorted(names[1:]) == [f"Cantine iséroise {days}" for days in (1, 2, 3)]


@pytest.mark.parametrize("rank_limit", [1, 2, 3, 1000])
def test_pages_cover_every_result_once_across_the_rank_bound(make_initiative, settings, rank_limit):
    settings.SEARCH_RANK_LIMIT = rank_limit
    now = timezone.now()
    for number in range(7):
        make_initiative(
            f"Cantine {number}" if number % 3 == 0 else f"Atelier {number}",
            description="Une cantine.",
            published_at=now - datetime.timedelta(days=number),
        )
    pages = [
        [card.name for card in directory.search({"q": "cantine"}, page=page, per_page=2).cards]
        for page in (1, 2, 3, 4)
    ]
    shown = [name for page in pages for name in page]
    assert sorted(shown) == sorted({*shown}) and len(shown) == 7
    assert [len(page) for page in pages] == [2, 2, 2, 1]


def test_broad_counts_are_shared_by_every_page_and_sort(visitor, workshops, settings, monkeypatch):
    settings.SEARCH_COUNT_LIMIT = 3
    monkeypatch.setattr(counting, "KEEP_FROM", 0)
    first = visitor.get("/initiatives/", {"q": "vélo"}).context["results"]

    def another_page():
        with CaptureQueriesContext(connection) as queries:
            response = visitor.get("/initiatives/", {"q": "vélo", "tri": "nom", "page": 1})
        results = response.context["results"]
        assert (results.total, results.exact) == (first.total, False)
        assert [f.count for f in results.themes] == [f.count for f in first.themes]
        statements = [query["sql"] for query in queries]
        assert not any("unnest(facet_keys)" in sql for sql in statements)
        return statements

    # The same worker: the version tokens, then one statement for the page
    # (without counting); the words, the programmes matching them and the
    # counts are in its memory.
    assert len(another_page()) == 2
    # Another worker: the version tokens, the words and their corrections, the
    # programmes, the counts from the shared cache, then the page.
    kept.forget()
    statements = another_page()
    assert len(statements) == 5
    assert sum("carrefour_cache" in sql for sql in statements) == 2


def test_a_change_to_the_directory_is_counted_at_once(visitor, workshops, make_initiative):
    assert visitor.get("/initiatives/", {"q": "vélo"}).context["results"].total == 5
    make_initiative("Atelier vélo 5")
    assert visitor.get("/initiatives/", {"q": "vélo"}).context["results"].total == 6


@pytest.mark.parametrize("count_limit", [5, 1000])
@pytest.mark.parametrize("sort", ["recent", "hasard", "nom"])
def test_a_territory_lists_the_same_pages_from_its_counted_matches_or_past_the_bound(
    make_initiative, settings, count_limit, sort
):
    """Within the bound, the page is sorted from the matches counted; past it,
    read on its own: the same pages either way."""
    settings.SEARCH_COUNT_LIMIT = count_limit
    now = timezone.now()
    for days in range(4):
        make_initiative(
            f"Épicerie voironnaise {days}",
            commune="commune-38563",
            published_at=now - datetime.timedelta(days=days),
        )
        make_initiative(
            f"Épicerie iséroise {days}",
            territories=["departement-38"],
            published_at=now - datetime.timedelta(days=days, hours=12),
        )
    make_initiative("Épicerie lyonnaise", commune="commune-69123")

    def pages(limit):
        settings.SEARCH_COUNT_LIMIT = limit
        params = {"territoire": "commune-38563", "tri": sort}
        return [
            [card.name for card in directory.search(params, page=page, per_page=4).cards]
            for page in (1, 2)
        ]

    listed = pages(count_limit)
    assert listed == pages(5 if count_limit == 1000 else 1000)
    names = [name for page in listed for name in page]
    assert sorted(names) == sorted(
        [f"Épicerie voironnaise {d}" for d in range(4)]
        + [f"Épicerie iséroise {d}" for d in range(4)]
    )
    if sort != "hasard":
        # Voiron's own first.
        assert all("voironnaise" in name for name in names[:4])
    if sort == "recent":
        assert names[:4] == [f"Épicerie voironnaise {d}" for d in range(4)]
