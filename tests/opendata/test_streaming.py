"""Exports are streamed a chunk at a time: their queries do not grow with
their initiatives (memory is measured by `manage.py bench_exports`)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.parametrize("extension", ["csv", "json", "geojson", "jsonld"])
def test_the_queries_of_an_export_do_not_grow_with_its_initiatives(
    make_initiative, make_actor, visitor, django_assert_num_queries, extension
):
    carrier = make_actor("Réseau porteur")
    url = f"/donnees/initiatives.{extension}?thematique=mobilite"

    def make(numbers):
        for number in numbers:
            make_initiative(
                f"Initiative {number}",
                themes=["mobilite"],
                publics=["seniors"],
                commune="commune-38563",
                sites=["commune-38185"],
                territories=["departement-38"],
                actors=[(carrier, "financeur")],
                carrier=carrier,
                year_started=2020,
            )

    def exported():
        # Warmed up first: the taxonomy is then read from this process's memory.
        b"".join(visitor.get(url).streaming_content)
        with CaptureQueriesContext(connection) as captured:
            body = b"".join(visitor.get(url).streaming_content)
        return len(captured), body

    make(range(5))
    few, body = exported()
    assert body.count(b"Initiative ") >= 5
    make(range(5, 50))
    b"".join(visitor.get(url).streaming_content)
    # The ids in the order of the list (a server-side cursor: declare, fetch,
    # close), then for the one chunk: the initiatives with their carrier, and
    # one query for each of their themes, publics, territories, sites and
    # awards.
    with django_assert_num_queries(few):
        body = b"".join(visitor.get(url).streaming_content)
    assert b"Initiative 49" in body
