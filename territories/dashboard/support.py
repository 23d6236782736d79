"""« Qui peut aider »: funders, incubators and networks acting on a territory.

An actor is listed when it acts on the territory or on a territory containing
it, or on all of France, or when it supports an initiative located or acting
here; with its programmes and how many of the initiatives here it supports
(funds, supports or partners), those supporting the most first.
"""

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from actors.models import Actor
from initiatives.models import InitiativeActor

HELPERS = 12
# Those who carry initiatives rather than help them.
NOT_HELPERS = (Actor.Kind.STRUCTURE,)


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


def helpers(territory, limit=HELPERS):
    roles_here = InitiativeActor.objects.filter(
        initiative__status="published", initiative__area_ids__contains=[territory.pk]
    )
    supported = (
        roles_here.filter(actor=OuterRef("pk"))
        .order_by()
        .values("actor")
        .annotate(number=Count("initiative", distinct=True))
        .values("number")
    )
    covering = Actor.territories.through.objects.filter(
        territory_id__in=territory.ancestor_ids or [territory.pk]
    ).values("actor_id")
    acting_here = (
        Q(is_national=True)
        | Q(pk__in=covering)
        | Q(territory_id__in=territory.ancestor_ids or [territory.pk])
        | Q(pk__in=roles_here.values("actor_id"))
    )
    found = (
        Actor.objects.published()
        .exclude(kind__in=NOT_HELPERS)
        .filter(acting_here)
        .annotate(supported_here=Coalesce(Subquery(supported, output_field=IntegerField()), 0))
        .order_by(F("supported_here").desc(), "is_national", "name")
        .only("name", "slug", "kind", "is_national")
        .prefetch_related("programmes")[:limit]
    )
    return [
        Helper(
            name=actor.name,
            slug=actor.slug,
            url=actor.get_absolute_url(),
            kind=actor.get_kind_display(),
            kind_value=actor.kind,
            is_national=actor.is_national,
            supported_here=actor.supported_here,
            programmes=list(actor.programmes.all()),
        )
        for actor in found
    ]
