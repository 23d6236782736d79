from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from actors.filters import ProgrammeFilter
from actors.matching import call_status, eligible_initiatives, supported_initiatives
from actors.models import Actor, Call, Programme
from initiatives import directory
from territories.models import Territory


def _get_published_actor(slug):
    return get_object_or_404(Actor.objects.published(), slug=slug)


def actor_list(request):
    kind = request.GET.get("type")
    if kind not in Actor.Kind.values:
        kind = None
    # The published initiatives each actor carries or supports, as the actor's
    # page counts them: from the directory's cached facets.
    supported = {facet.value.pk: facet.count for facet in directory.overview().actors}
    actors = list(Actor.objects.published().of_kind(kind).order_by("name"))
    for actor in actors:
        actor.supported = supported.get(actor.pk, 0)
    ctx = {"actors": actors, "kinds": Actor.Kind.choices, "kind": kind}
    return render(request, "actors/list.html", ctx)


def actor_detail(request, slug):
    actor = _get_published_actor(slug)
    found = directory.search({**request.GET.dict(), "acteur": slug}, links_to_list=True)
    ctx = {
        "actor": actor,
        "programmes": list(actor.programmes.published().order_by("name")),
        "territories": list(actor.territories.order_by("kind", "name")),
        "themes": list(actor.themes.all()),
        "filter": found.filter,
        "results": found.results,
    }
    return render(request, "actors/detail.html", ctx)


PROGRAMMES_PER_PAGE = 20
# Initiatives a programme's page lists as eligible but not supported yet, and
# the most it counts ("plus de 1 000"): a national programme open to all
# matches the whole directory.
ELIGIBLE_SHOWN = 12
ELIGIBLE_COUNTED = 1000
# Initiatives a programme's page lists as supported (by name), of how many.
SUPPORTED_SHOWN = 50


def _get_published_programme(slug):
    programmes = Programme.objects.published().prefetch_related(
        Prefetch("territories", queryset=Territory.objects.only("kind", "code", "name")),
        "themes",
        "publics",
        Prefetch("calls", queryset=Call.objects.order_by("-closes_on", "name")),
        Prefetch("actors", queryset=Actor.objects.published().only("name", "slug", "kind")),
    )
    return get_object_or_404(programmes, slug=slug)


def programme_list(request):
    filterset = ProgrammeFilter(request.GET, queryset=Programme.objects.published())
    programmes = filterset.qs.with_next_closing().prefetch_related(
        Prefetch("actors", queryset=Actor.objects.published().only("name", "slug"))
    )
    page = Paginator(programmes, PROGRAMMES_PER_PAGE).get_page(request.GET.get("page"))
    ctx = {"filter": filterset, "page": page, "programmes": page.object_list}
    return render(request, "actors/programme_list.html", ctx)


def programme_detail(request, slug):
    programme = _get_published_programme(slug)
    today = timezone.localdate()
    status, status_call = call_status(list(programme.calls.all()), programme.is_permanent, today)
    supported = (
        supported_initiatives(programme)
        .select_related("commune")
        .only("name", "slug", "summary", "commune__name")
        .order_by("name")
    )
    eligible = (
        eligible_initiatives(programme)
        .select_related("commune")
        .only("name", "slug", "summary", "commune__name")
        .order_by("-published_at", "id")
    )
    ctx = {
        "programme": programme,
        "actors": list(programme.actors.all()),
        "calls": [(call, call.status(today)) for call in programme.calls.all()],
        "status": status,
        "status_call": status_call,
        "supported": list(supported[:SUPPORTED_SHOWN]),
        "supported_count": supported.count(),
        "eligible": list(eligible[:ELIGIBLE_SHOWN]),
        "eligible_count": eligible.values("pk")[: ELIGIBLE_COUNTED + 1].count(),
        "eligible_counted": ELIGIBLE_COUNTED,
    }
    return render(request, "actors/programme_detail.html", ctx)
