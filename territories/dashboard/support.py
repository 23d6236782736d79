"""« Qui peut aider »: funders, incubators and networks acting on a territory.

An actor is listed when it acts on the territory or on a territory containing
it, or on all of France, or when it supports an initiative located or acting
here; with its programmes and how many of the initiatives here it funds,
supports, partners or carries (as the directory's `acteur` filter counts
them), those supporting the most first, then the local ones before the
national ones.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Prefetch

from actors.models import Actor, Programme

HELPERS = 12
# Those who carry initiatives rather than help them.
NOT_HELPERS = [Actor.Kind.STRUCTURE.value]

# The supported initiatives, by the actors each one names (actor_ids), are
# the territory's tallies (territories.models.Tally).
HELPERS_SQL = """
WITH supported AS (
    SELECT value::bigint AS actor, initiatives AS number FROM territories_tally
    WHERE territory_id = %(territory)s AND facet = 'actor' AND initiatives > 0
)
SELECT a.id, coalesce(s.number, 0) FROM actors_actor a
LEFT JOIN supported s ON s.actor = a.id
WHERE a.is_published AND NOT a.kind = ANY(%(not_helpers)s) AND (
    s.number > 0 OR a.is_national OR a.territory_id = ANY(%(around)s)
    OR EXISTS (
        SELECT 1 FROM actors_actor_territories at
        WHERE at.actor_id = a.id AND at.territory_id = ANY(%(around)s)
    )
)
ORDER BY coalesce(s.number, 0) DESC, a.is_national, a.name, a.id
LIMIT %(limit)s
"""


@dataclass(frozen=True)
class Helper:
    name: str
    slug: str
    url: str
    kind: str
    kind_value: str
    is_national: bool
    supported_here: int
    programmes: list


def ranked(territory, limit=HELPERS):
    """[(actor id, initiatives supported here)] of those who can help, best first."""
    params = {
        "territory": territory.pk,
        "not_helpers": NOT_HELPERS,
        "around": list(territory.ancestor_ids or [territory.pk]),
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(HELPERS_SQL, params)
        return cursor.fetchall()


def helpers(found):
    """The actors `found` by ranked(), with their programmes read now."""
    actors = (
        Actor.objects.filter(pk__in=[pk for pk, _number in found])
        .only("name", "slug", "kind", "is_national")
        .prefetch_related(Prefetch("programmes", queryset=Programme.objects.published()))
        .in_bulk()
    )
    return [
        Helper(
            name=actor.name,
            slug=actor.slug,
            url=actor.get_absolute_url(),
            kind=actor.get_kind_display(),
            kind_value=actor.kind,
            is_national=actor.is_national,
            supported_here=number,
            programmes=list(actor.programmes.all()),
        )
        for pk, number in found
        if (actor := actors.get(pk)) is not None
    ]
