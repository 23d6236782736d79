"""New support programmes and calls for the territory and thématiques of an
alert (issue 16: "alerts can follow new programmes and calls for a territory
and theme").

A programme is new when it was added to the directory in the period, a call
when it was added in the period. Only alerts with a territory (or a place to
search around) or a thématique get them: an alert on the whole directory would
get every programme of France.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q

from actors.models import Call, Programme


@dataclass(frozen=True)
class NewCall:
    name: str
    closes_on: date


@dataclass(frozen=True)
class ProgrammeNews:
    name: str
    url: str
    kind: str
    summary: str
    is_new: bool
    calls: list


def new_programmes(filterset, *, since, until, limit):
    """The published programmes open in the search's territory and thématiques
    that are new, or have a new call, in (since, until]; at most `limit`.

    Two queries at most however many: the programmes, then their new calls.
    """
    data = filterset.form.cleaned_data
    territory = filterset.territory or filterset.origin
    themes = data.get("thematique") or []
    if territory is None and not themes:
        return []
    added = Q(created_at__gt=since, created_at__lte=until)
    new_calls = Call.objects.filter(added, programme=OuterRef("pk"))
    programmes = list(
        Programme.objects.published()
        .in_territory(territory)
        .with_themes(themes)
        .filter(added | Exists(new_calls))
        .annotate(is_new=Q(created_at__gt=since, created_at__lte=until))
        .only("name", "slug", "kind", "summary", "created_at")
        .order_by("name", "pk")[:limit]
    )
    if not programmes:
        return []
    calls = {}
    found = Call.objects.filter(added, programme__in=programmes).order_by("closes_on", "name")
    for call in found.only("programme_id", "name", "closes_on"):
        calls.setdefault(call.programme_id, []).append(NewCall(call.name, call.closes_on))
    return [
        ProgrammeNews(
            name=programme.name,
            url=programme.get_absolute_url(),
            kind=programme.get_kind_display(),
            summary=programme.summary,
            is_new=programme.is_new,
            calls=calls.get(programme.pk, []),
        )
        for programme in programmes
    ]
