"""The initiatives a fiche suggests as similar, and why.

Similarity weighs shared thématiques and publics first (the Jaccard index of
each initiative's themes, domaines included, and of its publics, themes
counting double), then the same stage, then distance: a mobility initiative
is followed by other mobility initiatives before cooperation hubs that only
share "emploi" with it, however near. Candidates share at least one
thématique (or, for an initiative without any, one public).
"""

from django.contrib.gis.db.models.functions import GeometryDistance
from django.db.models import Case, F, FloatField, IntegerField, When
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from initiatives.models import Initiative

THEMES_WEIGHT = 2
SHOWN_REASONS = 2

# The Jaccard index of an initiative's array column and the given ids.
JACCARD_SQL = """(
    SELECT count(*) FROM (
        SELECT unnest(initiatives_initiative.{column}) INTERSECT SELECT unnest(%s::bigint[])
    ) shared
)::float / greatest(1, (
    SELECT count(*) FROM (
        SELECT unnest(initiatives_initiative.{column}) UNION SELECT unnest(%s::bigint[])
    ) every
))"""


def _jaccard(column, ids):
    return RawSQL(JACCARD_SQL.format(column=column), [list(ids), list(ids)], FloatField())


def similar_initiatives(initiative, themes, publics, count=4):
    """Up to `count` published initiatives like `initiative` (whose `themes` and
    `publics` are given), the most similar first, each with its `reason`
    ("Aussi en mobilité")."""
    subthemes = [theme.pk for theme in themes if theme.parent_id]
    public_ids = [public.pk for public in publics]
    candidates = Initiative.objects.published().exclude(pk=initiative.pk)
    if subthemes:
        candidates = candidates.filter(theme_ids__overlap=subthemes)
    elif public_ids:
        candidates = candidates.filter(public_ids__overlap=public_ids)
    else:
        return []
    similarity = THEMES_WEIGHT * _jaccard("theme_ids", initiative.theme_ids) + _jaccard(
        "public_ids", public_ids
    )
    same_stage = Case(When(stage=initiative.stage, then=1), default=0, output_field=IntegerField())
    ranked = candidates.annotate(similarity=similarity, same_stage=same_stage)
    order = [F("similarity").desc(), F("same_stage").desc()]
    if initiative.point:
        ranked = ranked.annotate(distance=GeometryDistance("point", initiative.point))
        # An initiative without a place (an import may not find one) last.
        order.append(F("distance").asc(nulls_last=True))
    found = list(
        ranked.select_related("commune")
        .only("name", "slug", "summary", "theme_ids", "public_ids", "commune__name")
        .order_by(*order, "id")[:count]
    )
    subthemes = [theme for theme in themes if theme.parent_id]
    for other in found:
        other.reason = _reason(other, subthemes, publics)
    return found


def _reason(other, subthemes, publics):
    """Why `other` is shown, from the thématiques and publics it shares with the
    fiche: "Aussi en mobilité et insertion", "Aussi pour : seniors"."""
    shared = [theme for theme in subthemes if theme.pk in other.theme_ids]
    if shared:
        names = [_lower_first(theme.name) for theme in shared[:SHOWN_REASONS]]
        return _("Aussi en %(themes)s") % {"themes": _(" et ").join(names)}
    publics = [public for public in publics if public.pk in other.public_ids]
    if publics:
        names = [_lower_first(public.name) for public in publics[:SHOWN_REASONS]]
        return _("Aussi pour : %(publics)s") % {"publics": _(" et ").join(names)}
    return ""


def _lower_first(name):
    return name[:1].lower() + name[1:]
