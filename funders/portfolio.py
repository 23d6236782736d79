"""An actor's portfolio: the published initiatives it supports (or carries, as
the directory's `acteur=` filter finds them), the territories and thématiques
they reach, and their impact indicators added up (funders/impact.py).

A constant number of queries whatever the size of the portfolio: each part is
one grouped query on the initiatives' search index (actor_ids, area_ids,
theme_ids, all indexed for the published ones).
"""

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q

from funders.impact import add_up
from initiatives.models import Indicator, Initiative, InitiativeActor
from territories.models import Territory
from themes.models import Theme

# The régions and départements the initiatives are located or act in (their
# area_ids hold every territory containing their places), with how many each.
TERRITORIES_SQL = """
SELECT t.id, t.kind, t.code, t.name, count(*) AS initiative_count
FROM initiatives_initiative i
CROSS JOIN LATERAL unnest(i.area_ids) AS area(id)
JOIN territories_territory t ON t.id = area.id
WHERE i.status = 'published' AND i.actor_ids @> ARRAY[%s]::bigint[]
  AND t.kind IN ('region', 'departement')
GROUP BY t.id
ORDER BY t.kind DESC, initiative_count DESC, t.name
"""

# The thématiques (not the domaines) of the initiatives, with how many each.
THEMES_SQL = """
SELECT t.id, t.slug, t.name, t.parent_id, count(*) AS initiative_count
FROM initiatives_initiative i
CROSS JOIN LATERAL unnest(i.theme_ids) AS theme(id)
JOIN themes_theme t ON t.id = theme.id
WHERE i.status = 'published' AND i.actor_ids @> ARRAY[%s]::bigint[]
  AND t.parent_id IS NOT NULL
GROUP BY t.id
ORDER BY initiative_count DESC, t.name
"""


def supported_initiatives(actor):
    return Initiative.objects.published().supported_by(actor)


def roles_of(actor):
    """The actor's roles, to prefetch on its initiatives as `actor_roles`."""
    roles = InitiativeActor.objects.filter(actor=actor).select_related("programme")
    return Prefetch("roles", queryset=roles.order_by("role"), to_attr="actor_roles")


@dataclass
class Portfolio:
    total: int
    national: int
    regions: list
    departements: list
    themes: list
    programmes: list
    totals: list
    other_indicators: list


def portfolio(actor):
    """Everything the portfolio page shows but its list of initiatives: five queries."""
    initiatives = supported_initiatives(actor)
    national = Count("pk", filter=Q(is_national=True))
    counts = initiatives.aggregate(total=Count("pk"), national=national)
    places = list(Territory.objects.raw(TERRITORIES_SQL, [actor.pk]))
    indicators = (
        Indicator.objects.filter(initiative__in=initiatives.values("pk"))
        .select_related("initiative")
        .only("label", "value", "unit", "year", "initiative__name", "initiative__slug")
        .order_by("initiative__name", "initiative_id", "-year", "label", "pk")
    )
    totals, others = add_up(indicators)
    return Portfolio(
        total=counts["total"],
        national=counts["national"],
        regions=[place for place in places if place.kind == Territory.Kind.REGION],
        departements=[place for place in places if place.kind == Territory.Kind.DEPARTEMENT],
        themes=list(Theme.objects.raw(THEMES_SQL, [actor.pk])),
        programmes=list(programme_counts(actor)),
        totals=totals,
        other_indicators=others,
    )


def programme_counts(actor):
    """The programmes through which the actor supports published initiatives,
    with how many each: [{"name", "slug", "is_published", "initiative_count"}…]."""
    return (
        InitiativeActor.objects.filter(
            actor=actor, initiative__status=Initiative.Status.PUBLISHED, programme__isnull=False
        )
        .values(
            name=F("programme__name"),
            slug=F("programme__slug"),
            is_published=F("programme__is_published"),
        )
        .annotate(initiative_count=Count("initiative", distinct=True))
        .order_by("-initiative_count", "name")
    )


def initiatives_page_queryset(actor):
    """The initiatives of the list, by name, with their commune and the actor's roles."""
    return (
        supported_initiatives(actor)
        .select_related("commune")
        .only("name", "slug", "summary", "is_national", "commune__name", "commune__code")
        .prefetch_related(roles_of(actor))
        .order_by("name", "pk")
    )
