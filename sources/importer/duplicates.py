"""Likely duplicates: initiatives already in the directory that a new row of
an import most likely is. Found for all the new rows at once (two queries).

A row is the same initiative as an existing fiche when their websites have
the same host (shared hosts such as facebook.com aside), or when their names
are similar (trigrams, accents and case ignored) and one of its sites lies
within DISTANCE_M of one of the fiche's. Fiches the source already lists, and
refused ones, are never candidates.
"""

from django.db import connection

from initiatives.models import Initiative
from initiatives.querysets import WEBSITE_HOST, website_host

DISTANCE_M = 5000
SIMILARITY = 0.5
# Hosts many unrelated projects share: the same host says nothing there.
SHARED_HOSTS = frozenset(
    {
        "facebook.com",
        "fr-fr.facebook.com",
        "instagram.com",
        "linkedin.com",
        "twitter.com",
        "x.com",
        "helloasso.com",
        "sites.google.com",
        "wixsite.com",
        "over-blog.com",
        "wordpress.com",
        "youtube.com",
        "linktr.ee",
    }
)

SIMILAR_NEARBY_SQL = """
WITH candidate(idx, name, lon, lat) AS (
    SELECT * FROM unnest(%s::int[], %s::text[], %s::float8[], %s::float8[])
), located AS (
    SELECT idx, name, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS point FROM candidate
)
SELECT DISTINCT ON (c.idx) c.idx, i.id
FROM located c
JOIN initiatives_site s
  ON s.point && ST_Expand(c.point, 0.1)
 AND ST_DWithin(s.point::geography, c.point::geography, %s)
JOIN initiatives_initiative i ON i.id = s.initiative_id
WHERE i.status <> 'rejected'
  AND NOT (i.id = ANY(%s::bigint[]))
  AND similarity(immutable_unaccent(lower(i.name)), immutable_unaccent(lower(c.name))) >= %s
ORDER BY c.idx,
  similarity(immutable_unaccent(lower(i.name)), immutable_unaccent(lower(c.name))) DESC, i.id
"""


def duplicates_find(candidates, excluded_ids):
    """{index: Initiative} for `candidates` [(index, name, website, [(lon, lat)…])]
    that are likely an existing initiative (not one of `excluded_ids`)."""
    found = {}
    hosts = {}
    for index, _name, website, _points in candidates:
        host = website_host(website)
        if host and host not in SHARED_HOSTS:
            hosts.setdefault(host, []).append(index)
    if hosts:
        same_host = (
            Initiative.objects.exclude(status=Initiative.Status.REJECTED)
            .exclude(pk__in=excluded_ids)
            .annotate(host=WEBSITE_HOST)
            .filter(host__in=sorted(hosts))
            .order_by("pk")
            .values_list("host", "pk")
        )
        for host, pk in same_host:
            for index in hosts.get(host, []):
                found.setdefault(index, pk)
    located = [
        (index, name, lon, lat)
        for index, name, _website, points in candidates
        if index not in found
        for lon, lat in points
    ]
    if located:
        with connection.cursor() as cursor:
            cursor.execute(
                SIMILAR_NEARBY_SQL,
                [
                    *(list(column) for column in zip(*located, strict=True)),
                    DISTANCE_M,
                    sorted(excluded_ids),
                    SIMILARITY,
                ],
            )
            for index, pk in cursor.fetchall():
                found.setdefault(index, pk)
    initiatives = Initiative.objects.in_bulk(set(found.values()))
    return {index: initiatives[pk] for index, pk in found.items()}
