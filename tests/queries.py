"""Counting the queries of a page, for the tests that check it does not grow
with the data."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carrefour import kept, versions
from initiatives.directory.results import forget_never_kept
from themes.catalogue import forget_catalogue


def count_queries(client, url, params=None, *, warm=False):
    """The number of queries of a GET of `url` (which must answer 200).

    By default, as a worker that has not read the taxonomy yet nor kept
    anything in memory, with the directory's counts not in the shared cache:
    the most a page costs. `warm`:
    after a first identical request, which fills what a process keeps (the
    content types of the admin, for instance).
    """
    if warm:
        client.get(url, params or {})
    else:
        cache.clear()
        forget_catalogue()
        forget_never_kept()
        versions.forget()
        kept.forget()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    return len(queries)
