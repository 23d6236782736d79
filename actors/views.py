from django.shortcuts import get_object_or_404, render

from actors.models import Actor
from initiatives import directory


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
        "programmes": list(actor.programmes.all()),
        "territories": list(actor.territories.order_by("kind", "name")),
        "themes": list(actor.themes.all()),
        "filter": found.filter,
        "results": found.results,
    }
    return render(request, "actors/detail.html", ctx)
