"""The logic of `manage.py bench`. Its timings are printed in a table, never asserted."""

import pytest
from django.http import QueryDict

from bench.benchmark import (
    CASES,
    FILTERED,
    SEARCH,
    Case,
    Measure,
    Throughput,
    bench_database_url,
    format_machine,
    format_table,
    format_throughput,
    percentile,
)
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative
from sources.models import Source


def test_the_median_of_an_odd_count_of_values_is_the_middle_one():
    assert percentile([5, 1, 3], 0.5) == 3


def test_a_percentile_between_two_values_is_interpolated():
    assert percentile([10, 20], 0.5) == 15
    assert percentile(list(range(1, 101)), 0.95) == pytest.approx(95.05)


def test_the_extreme_percentiles_are_the_minimum_and_the_maximum():
    values = [7, 3, 9, 1]
    assert percentile(values, 0) == 1
    assert percentile(values, 1) == 9


def test_a_single_value_is_every_percentile():
    assert percentile([4.2], 0.95) == 4.2


def test_a_percentile_of_no_values_is_an_error():
    with pytest.raises(ValueError):
        percentile([], 0.5)


def selective(page_seconds, **fields):
    case = Case("Isère", FILTERED, (("territoire", "departement-38"),))
    return Measure(
        case,
        page=[page_seconds] * 20,
        sql=[page_seconds / 2] * 20,
        first_sql=[page_seconds * 0.8] * 20,
        **fields,
    )


def test_the_table_marks_a_case_under_its_target_as_met():
    header, rule, row = format_table([selective(0.010, matches=1234, statements=7)]).splitlines()
    assert header.split() == [
        "Cas", "Type", "Résultats", "Vrai", "nombre", "Req.", "SQL", "Page", "p50", "Page", "p95",
        "SQL", "p50", "SQL", "p95", "SQL", "1re", "p95", "Objectif", "p95",
    ]  # fmt: skip
    assert set(rule) == {"-", " "}
    assert row.split() == [
        "Isère", "filtrée", "1", "234", "—", "7", "10.0", "ms", "10.0", "ms",
        "5.0", "ms", "5.0", "ms", "8.0", "ms", "≤", "25", "ms", "✓",
    ]  # fmt: skip


def test_the_table_marks_a_case_over_its_target_as_missed():
    case = Case("mot courant", SEARCH, (("q", "solidaire"),))
    measure = Measure(case, matches=10_000, page=[0.05] * 10 + [0.07] * 2, sql=[0.04] * 12)
    row = format_table([measure]).splitlines()[2]
    assert "≤ 60 ms" in row
    assert row.endswith("✗")


def test_a_case_exactly_at_its_target_is_met():
    case = Case("mot courant", SEARCH, (("q", "solidaire"),))
    measure = Measure(case, page=[0.06] * 20, sql=[0.03] * 20)
    assert format_table([measure]).splitlines()[2].endswith("✓")


def test_at_a_million_initiatives_every_search_page_has_the_same_target():
    page = [0.28] * 19 + [0.29]
    for kind in (SEARCH, FILTERED):
        case = Case("mot courant", kind, (("q", "solidaire"),))
        row = format_table([Measure(case, page=page, directory_size=1_000_015)]).splitlines()[2]
        assert "≤ 300 ms" in row
        assert row.endswith("✓")
    # Below a million, the targets at 100,000 initiatives.
    case = Case("mot courant", SEARCH, (("q", "solidaire"),))
    assert format_table([Measure(case, page=page, directory_size=999_999)]).endswith("✗")


def test_a_count_past_the_bound_is_marked_as_an_estimate_or_a_bound():
    estimated = selective(0.01, matches=75_000, approximation="≈ ", true_matches=75_287)
    bounded = selective(0.01, matches=10_000, approximation="> ", true_matches=12_000)
    lines = format_table([estimated, bounded]).splitlines()
    # Beside it, the true count and how far the estimate is from it.
    assert "≈ 75 000" in lines[2] and "75 287 (-0,4 %)" in lines[2]
    assert "> 10 000" in lines[3] and "12 000 " in lines[3] and "%" not in lines[3]


def test_a_case_with_failed_requests_is_missed_however_fast_it_was():
    row = format_table([selective(0.001, errors=2)]).splitlines()[2]
    assert row.endswith("✗ (2 erreurs)")


def test_the_columns_of_the_table_line_up():
    broad = Measure(Case("deux mots courants", SEARCH, ()), page=[0.12], sql=[0.1])
    lines = format_table([selective(0.01), broad]).splitlines()
    assert lines[2].index("filtrée") == lines[3].index("recherche")
    # Numbers are right-aligned: the targets end in the same column.
    assert lines[2].index("≤ 25 ms") + len("≤ 25 ms") == lines[3].index("≤ 60 ms") + len("≤ 60 ms")


def test_the_throughput_line_gives_requests_per_second_against_the_target():
    line = format_throughput(Throughput(clients=8, seconds=10.0, requests=1012))
    assert "8 clients pendant 10.0 s : 101.2 requêtes/s" in line
    assert line.endswith("≥ 100 requêtes/s ✓")


def test_the_throughput_target_is_missed_when_too_slow_or_when_requests_fail():
    assert format_throughput(Throughput(clients=8, seconds=10.0, requests=900)).endswith("✗")
    failing = Throughput(clients=8, seconds=10.0, requests=1500, errors=1)
    assert format_throughput(failing).endswith("✗")


def test_the_machine_line_gives_the_load_before_and_after_the_measure():
    line = format_machine(0.5, 1.75)
    assert "charge moyenne sur 1 min : 0.50 avant la mesure, 1.75 après" in line


def test_the_bench_database_sits_beside_the_developer_one():
    url = "postgres://carrefour:secret@127.0.0.1:54320/carrefour"
    assert bench_database_url(url) == "postgres://carrefour:secret@127.0.0.1:54320/carrefour_bench"


def test_the_bench_database_url_is_not_suffixed_twice():
    url = "postgres://carrefour:secret@127.0.0.1:54320/carrefour_bench"
    assert bench_database_url(url) == url


def test_each_size_but_the_default_has_a_bench_database_of_its_own():
    url = "postgres://carrefour:secret@127.0.0.1:54320/carrefour"
    million = bench_database_url(url, 1_000_000)
    assert million == "postgres://carrefour:secret@127.0.0.1:54320/carrefour_bench_1000000"
    assert bench_database_url(url, 100_000).endswith("/carrefour_bench")
    # From one bench database, another size's sits beside it, not inside its name.
    assert bench_database_url(million, 300_000).endswith("/carrefour_bench_300000")
    assert (
        bench_database_url(million) == "postgres://carrefour:secret@127.0.0.1:54320/carrefour_bench"
    )


def test_the_mix_has_searches_and_filtered_searches_with_distinct_names():
    assert {case.kind for case in CASES} == {SEARCH, FILTERED}
    assert len({case.label for case in CASES}) == len(CASES)
    assert all(case.path.startswith("/initiatives/?") for case in CASES)


def test_the_mix_has_the_words_found_in_most_fiches_a_deep_page_and_every_sort():
    params = [dict(case.params) for case in CASES]
    words = {p.get("q") for p in params}
    assert {"projet", "association", "solidaire"} <= words
    assert any(int(p.get("page", 1)) >= 50 for p in params)
    assert {"recent", "nom", "hasard"} <= {p.get("tri") for p in params}
    assert {"territoire", "thematique", "acteur", "source"} <= {n for p in params for n in p}


@pytest.mark.django_db
def test_every_case_of_the_mix_is_a_search_the_page_accepts(make_actor):
    actors = {value for case in CASES for name, value in case.params if name == "acteur"}
    for slug in actors:
        make_actor(slug.replace("-", " ").title(), slug=slug)
    sources = {value for case in CASES for name, value in case.params if name == "source"}
    for slug in sources:
        Source.objects.create(name=slug.replace("-", " ").title(), slug=slug)

    for case in CASES:
        filterset = InitiativeFilter(
            QueryDict(case.query_string), queryset=Initiative.objects.published()
        )
        assert filterset.is_valid(), (case.label, filterset.errors)
        for name, _value in case.params:
            if name != "page":
                # An unknown parameter would be ignored, not rejected.
                assert filterset.form.cleaned_data.get(name), (case.label, name)
