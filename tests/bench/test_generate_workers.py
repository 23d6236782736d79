"""generate_initiatives with several processes, as the bench runs it: outside any
transaction, each worker committing its batches on its own connection."""

import pytest
from django.core.management import call_command
from django.db import connection

from initiatives.models import Initiative, SearchTerm


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """No test transaction, so that the workers' commits are seen; what they
    committed is deleted afterwards."""
    with django_db_blocker.unblock():
        words = set(SearchTerm.objects.values_list("word", flat=True))
        try:
            yield
        finally:
            Initiative.objects.filter(is_fictitious=True).delete()
            SearchTerm.objects.exclude(word__in=words).delete()


def generate(**options):
    call_command("generate_initiatives", count=30, seed=3, **options)
    initiatives = Initiative.objects.filter(is_fictitious=True).order_by("slug")
    return [
        (i.slug, i.name, i.summary, i.description, i.commune_id, sorted(i.theme_ids))
        for i in initiatives
    ]


def test_the_same_seed_gives_the_same_initiatives_whatever_the_batches_and_processes(
    committed,
):
    in_two_processes = generate(workers=2, batch_size=7)
    assert len(in_two_processes) == 30
    Initiative.objects.filter(is_fictitious=True).delete()
    in_one_batch = generate(workers=1, batch_size=30)
    assert in_one_batch == in_two_processes
    # Each initiative is its own: the streams of two numbers differ.
    assert len({description for _, _, _, description, _, _ in in_one_batch}) == 30


def test_the_workers_build_the_search_indexes_dropped_for_the_run(committed):
    generate(workers=2, batch_size=7, indexes_after="oui")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s",
            [Initiative._meta.db_table],
        )
        built = {name for (name,) in cursor.fetchall()}
    assert {index.name for index in Initiative._meta.indexes} <= built
    # Each batch's search refresh ran in its worker: every initiative is found.
    assert Initiative.objects.published().search("projet").filter(is_fictitious=True).count() == 30
