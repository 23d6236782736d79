"""« À essaimer chez vous »: initiatives proven elsewhere that could come here.

Proven: at the consolidation or essaimage stage, present on several sites or
acting on several territories. Not already here (located or acting in the
territory or inside it). Those answering a thématique missing or weak here
(figures.gaps()) come first, then the nearest (from the main site).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.gis.db.models.functions import Distance
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse

from initiatives.choices import Stage
from initiatives.models import Initiative, Site

SUGGESTIONS = 6
PROVEN_STAGES = (Stage.CONSOLIDATION, Stage.ESSAIMAGE)
SEVERAL = 2


@dataclass(frozen=True)
class Suggestion:
    """An initiative to bring here, as the dashboard shows it."""

    name: str
    slug: str
    url: str
    summary: str
    stage: str
    stage_value: str
    place: str
    km: float | None
    sites: int
    territories: int
    themes: list
    answers: list  # the missing thématiques it works on
    awards: list
    indicators: list
    contact_url: str


def proven_elsewhere(territory):
    """The published initiatives proven elsewhere, not yet in `territory`,
    annotated with their `site_count` and `action_count`."""
    site_count = (
        Site.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(number=Count("*"))
        .values("number")
    )
    return (
        Initiative.objects.published()
        .filter(stage__in=PROVEN_STAGES)
        .exclude(area_ids__contains=[territory.pk])
        .annotate(
            site_count=Coalesce(Subquery(site_count, output_field=IntegerField()), 0),
            action_count=Func(F("action_ids"), function="cardinality", output_field=IntegerField()),
        )
        .filter(Q(site_count__gte=SEVERAL) | Q(action_count__gte=SEVERAL))
    )


def suggestions(territory, missing, taxonomy, limit=SUGGESTIONS):
    """The `limit` initiatives to suggest to `territory`, given the thématiques
    `missing` there (Theme objects, most missing first)."""
    missing_ids = [theme.pk for theme in missing]
    answers = ExpressionWrapper(Q(theme_ids__overlap=missing_ids), output_field=BooleanField())
    if territory.point is not None:
        distance = Distance("point", territory.point)
    else:
        distance = Value(None, output_field=FloatField())
    found = (
        proven_elsewhere(territory)
        .annotate(answers=answers, distance=distance)
        .order_by("-answers", F("distance").asc(nulls_last=True), "name", "id")
        .select_related("commune")
        .only("name", "slug", "summary", "stage", "theme_ids", "commune__name", "point")
        .prefetch_related("awards", "indicators")[:limit]
    )
    missing_by_id = {theme.pk: theme for theme in missing}
    return [_suggestion(initiative, territory, missing_by_id, taxonomy) for initiative in found]


def _suggestion(initiative, territory, missing_by_id, taxonomy):
    contact = reverse("contacts:initiative", args=[initiative.slug])
    query = urlencode({"objet": "essaimage", "profil": "elu", "territoire": territory.key})
    distance = initiative.distance
    return Suggestion(
        name=initiative.name,
        slug=initiative.slug,
        url=initiative.get_absolute_url(),
        summary=initiative.summary,
        stage=initiative.get_stage_display(),
        stage_value=initiative.stage,
        place=initiative.commune.name if initiative.commune_id else "",
        km=round(distance.km) if distance is not None else None,
        sites=initiative.site_count,
        territories=initiative.action_count,
        themes=taxonomy.tags(initiative.theme_ids),
        answers=[missing_by_id[pk] for pk in initiative.theme_ids if pk in missing_by_id],
        awards=list(initiative.awards.all()),
        indicators=list(initiative.indicators.all()),
        contact_url=f"{contact}?{query}",
    )
