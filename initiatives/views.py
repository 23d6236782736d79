from django.conf import settings
from django.contrib.gis.db.models.functions import GeometryDistance
from django.shortcuts import get_object_or_404, render

from contacts.views import fiche_contact
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative
from initiatives.results import search_results


def _get_published_initiative(slug):
    queryset = Initiative.objects.published().select_related("commune", "carrier")
    return get_object_or_404(queryset, slug=slug)


def directory_results(request, data=None):
    """The FilterSet and a page of results with facets, for any directory page."""
    filterset = InitiativeFilter(
        data if data is not None else request.GET, queryset=Initiative.objects.published()
    )
    filterset.is_valid()
    results = search_results(
        filterset.qs,
        request.GET.get("page"),
        settings.INITIATIVES_PER_PAGE,
        territory=filterset.territory,
        origin=filterset.origin.point if filterset.origin else None,
    )
    return filterset, results


def initiative_list(request):
    filterset, results = directory_results(request)
    ctx = {"filter": filterset, "results": results, "territory": filterset.territory}
    return render(request, "initiatives/list.html", ctx)


def similar_initiatives(initiative, themes, count=4):
    """Published initiatives sharing one of `themes` with `initiative`, nearest first."""
    subthemes = [theme.pk for theme in themes if theme.parent_id]
    if not subthemes:
        return []
    queryset = (
        Initiative.objects.published()
        .exclude(pk=initiative.pk)
        .filter(theme_ids__overlap=subthemes)
        .select_related("commune")
    )
    if initiative.point:
        queryset = queryset.annotate(distance=GeometryDistance("point", initiative.point)).order_by(
            "distance", "id"
        )
    else:
        queryset = queryset.order_by("-published_at", "id")
    return list(queryset[:count])


def roles_by_actor(roles):
    """[(actor, [its roles…]), …]: one line per actor on the fiche."""
    grouped = {}
    for role in roles:
        grouped.setdefault(role.actor, []).append(role)
    return list(grouped.items())


def initiative_detail(request, slug):
    initiative = _get_published_initiative(slug)
    themes = list(initiative.themes.select_related("parent"))
    roles = initiative.roles.filter(actor__is_published=True).select_related("actor", "programme")
    ctx = {
        "initiative": initiative,
        "themes": themes,
        "publics": list(initiative.publics.all()),
        "territories": list(initiative.territories.order_by("kind", "name")),
        "roles": roles_by_actor(roles.order_by("actor__name", "role")),
        "awards": list(initiative.awards.all()),
        "indicators": list(initiative.indicators.all()),
        "similar": similar_initiatives(initiative, themes),
        "contact": fiche_contact(initiative),
    }
    return render(request, "initiatives/detail.html", ctx)
