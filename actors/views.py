from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from actors.models import Actor
from initiatives.views import directory_results


def _get_published_actor(slug):
    return get_object_or_404(Actor.objects.published(), slug=slug)


def actor_list(request):
    kind = request.GET.get("type")
    if kind not in Actor.Kind.values:
        kind = None
    published = Q(initiatives__status="published")
    actors = (
        Actor.objects.published()
        .of_kind(kind)
        .annotate(supported=Count("initiatives", filter=published, distinct=True))
        .order_by("name")
    )
    ctx = {"actors": actors, "kinds": Actor.Kind.choices, "kind": kind}
    return render(request, "actors/list.html", ctx)


def actor_detail(request, slug):
    actor = _get_published_actor(slug)
    filterset, results = directory_results(request, data={**request.GET.dict(), "acteur": slug})
    ctx = {
        "actor": actor,
        "programmes": list(actor.programmes.all()),
        "territories": list(actor.territories.order_by("kind", "name")),
        "themes": list(actor.themes.all()),
        "filter": filterset,
        "results": results,
    }
    return render(request, "actors/detail.html", ctx)
