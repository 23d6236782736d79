"""« À essaimer chez vous »: initiatives proven elsewhere that could come here.

Proven: at the consolidation or essaimage stage, present on several sites or
acting on several territories (territories.models.ProvenInitiative keeps
them). Not already here (located or acting in the territory or inside it).
Those answering a thématique missing or weak here (figures.gaps()) come
first, then the nearest (from the main site); the distance is on the sphere,
from the territory's representative point.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, F, Func, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from initiatives.models import Award, Initiative, Site

SUGGESTIONS = 6


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


# The nearest proven initiatives, those answering a missing thématique
# (group 0) and the others (group 1): each group walks the spatial index of
# their narrow copies (territories.models.ProvenInitiative, which holds only
# the proven ones) nearest first (`<->`, in degrees), skipping those already
# here, and keeps the first CANDIDATES matches, which are then ranked on the
# sphere. Without a point of its own, the territory gets them in name order.
# Written out in each group, not shared in a CTE, which PostgreSQL would
# compute whole (every proven initiative) before either walks the index.
SUGGESTIONS_SQL = """
WITH answering AS (
    SELECT p.initiative_id AS id, p.point, 0 AS grp FROM territories_proveninitiative p
    -- Nothing missing: no walk (an empty overlap would not use the index).
    WHERE cardinality(%(missing)s::bigint[]) > 0
        AND NOT p.area_ids @> ARRAY[%(territory)s]::bigint[]
        AND p.theme_ids && %(missing)s::bigint[]
    ORDER BY p.point <-> %(here)s::geometry LIMIT %(candidates)s
),
others AS (
    SELECT p.initiative_id AS id, p.point, 1 AS grp FROM territories_proveninitiative p
    WHERE NOT p.area_ids @> ARRAY[%(territory)s]::bigint[]
        AND NOT p.theme_ids && %(missing)s::bigint[]
    ORDER BY p.point <-> %(here)s::geometry LIMIT %(candidates)s
)
SELECT found.id, ST_DistanceSphere(found.point, %(here)s::geometry) AS metres FROM (
    SELECT * FROM answering UNION ALL SELECT * FROM others
) found
JOIN initiatives_initiative i ON i.id = found.id
ORDER BY found.grp, metres NULLS LAST, i.name, found.id
LIMIT %(limit)s
"""
CANDIDATES = 24


def ranked(territory, missing, limit=SUGGESTIONS):
    """[(id, metres or None)] of the initiatives to suggest to `territory`,
    best first, given the thématiques `missing` there (Theme objects)."""
    here = territory.point.ewkt if territory.point is not None else None
    params = {
        "territory": territory.pk,
        "missing": [theme.pk for theme in missing],
        "here": here,
        "candidates": max(CANDIDATES, limit),
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(SUGGESTIONS_SQL, params)
        return cursor.fetchall()


def suggestions(territory, found, missing, taxonomy):
    """The suggestions `found` by ranked(), with their fiches, awards and
    indicators read now."""
    metres = dict(found)
    site_count = (
        Site.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(number=Count("*"))
        .values("number")
    )
    initiatives = (
        Initiative.objects.published()
        .filter(pk__in=list(metres))
        .annotate(
            site_count=Coalesce(Subquery(site_count, output_field=IntegerField()), 0),
            action_count=Func(F("action_ids"), function="cardinality", output_field=IntegerField()),
        )
        .select_related("commune")
        .only("name", "slug", "summary", "stage", "theme_ids", "commune__name")
        .prefetch_related(
            Prefetch("awards", queryset=Award.objects.select_related("label")), "indicators"
        )
        .in_bulk()
    )
    missing_by_id = {theme.pk: theme for theme in missing}
    return [
        _suggestion(initiatives[pk], metres[pk], territory, missing_by_id, taxonomy)
        for pk, _metres in found
        if pk in initiatives
    ]


def _suggestion(initiative, metres, territory, missing_by_id, taxonomy):
    contact = reverse("contacts:initiative", args=[initiative.slug])
    query = urlencode({"objet": "essaimage", "profil": "elu", "territoire": territory.key})
    return Suggestion(
        name=initiative.name,
        slug=initiative.slug,
        url=initiative.get_absolute_url(),
        summary=initiative.summary,
        stage=initiative.get_stage_display(),
        stage_value=initiative.stage,
        place=initiative.commune.name if initiative.commune_id else "",
        km=round(metres / 1000) if metres is not None else None,
        sites=initiative.site_count,
        territories=initiative.action_count,
        themes=taxonomy.tags(initiative.theme_ids),
        answers=[missing_by_id[pk] for pk in initiative.theme_ids if pk in missing_by_id],
        awards=list(initiative.awards.all()),
        indicators=list(initiative.indicators.all()),
        contact_url=f"{contact}?{query}",
    )
