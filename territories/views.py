from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from carrefour.query_params import typed_text
from initiatives import directory
from initiatives.directory.results import Place
from territories.dashboard import dashboard, territory_figures
from territories.dashboard.figures import ThemeFigure, rate
from territories.forms import ComparisonForm
from territories.models import Territory

PARENTS = ("region", "departement", "epci")


def _get_territory(key):
    # Its own outline is drawn; those of its parents (a région's weighs 100 kB) are not.
    territory = (
        Territory.objects.select_related(*PARENTS)
        .defer(*(f"{parent}__geometry" for parent in PARENTS))
        .by_key(key)
    )
    if territory is None:
        raise Http404("Territoire inconnu")
    return territory


def territory_detail(request, key):
    territory = _get_territory(key)
    found = directory.cached_search(
        {"territoire": key}, page=request.GET.get("page"), links_to_list=True
    )
    ctx = {
        "territory": territory,
        "filter": found.filter,
        "results": found.results,
        "facets": found.facets,
        "outline": territory.outline(),
        "dashboard": dashboard(territory),
        "neighbours": _neighbours(territory),
    }
    return render(request, "territories/detail.html", ctx)


# Outlines change only when the Code officiel géographique is imported again.
NEIGHBOURS_SECONDS = 24 * 3600


def _neighbours(territory):
    """The territories sharing a border with `territory`, kept a day in the shared cache."""
    key = f"territory-neighbours:v1:{territory.pk}"
    found = cache.get(key)
    if found is None:
        places = Territory.objects.neighbours_of(territory).values_list(
            "pk", "kind", "code", "name"
        )
        found = [Place(*row) for row in places]
        cache.set(key, found, NEIGHBOURS_SECONDS)
    return found


@require_GET
def territory_comparison(request):
    """Two territories side by side: /territoires/comparer/?a=commune-38563&b=…"""
    form = ComparisonForm(request.GET if request.GET else None)
    ctx = {"form": form, "columns": []}
    if form.is_bound and form.is_valid():
        keys = [form.cleaned_data["a"].pk, form.cleaned_data["b"].pk]
        read = Territory.objects.select_related("region", "departement").defer("geometry")
        by_pk = read.in_bulk(keys)
        ctx["columns"] = [territory_figures(by_pk[pk]) for pk in keys]
        ctx["rows"] = _comparison_rows(ctx["columns"])
        ctx["stage_rows"] = [
            (label, [column.stages[index][2] for column in ctx["columns"]])
            for index, (_value, label, _count) in enumerate(ctx["columns"][0].stages)
        ]
    return render(request, "territories/compare.html", ctx)


def _comparison_rows(columns):
    """(theme, depth, [figure of each column]) for every domaine and the
    thématiques with an initiative in either territory."""
    rows = []
    for position, domain in enumerate(columns[0].domains):
        domains = [column.domains[position] for column in columns]
        rows.append((domain.theme, 0, domains))
        children = {}
        for column_domain in domains:
            for child in column_domain.children:
                if child.here:
                    children.setdefault(child.theme.pk, child.theme)
        for theme in children.values():
            cells = [
                _child(column_domain, theme, column.territory)
                for column_domain, column in zip(domains, columns, strict=True)
            ]
            rows.append((theme, 1, cells))
    return rows


def _child(domain, theme, territory):
    """The figure of `theme` in `domain`, or none found there."""
    found = next((child for child in domain.children if child.theme.pk == theme.pk), None)
    return found or ThemeFigure(theme=theme, here=0, here_rate=rate(0, territory.population))


SUGGESTIONS = 10
SUGGESTIONS_SECONDS = 3600


@require_GET
def territory_suggestions(request, kind=None):
    """Territories for the autocompletes (TerritoryQuerySet.suggested()): the
    most relevant and most populous first, by any word of their name, a short
    form, a département's number or a postcode, with typos forgiven; communes
    only when `kind` is "commune".

    [{key, label (what the field then reads), kind (short, with a commune's
    département: "commune, 69"), description ("Lyon — commune, 69"), lat,
    lng}…]; the forms also work without it.
    """
    text = typed_text(request, max_length=100)
    results = []
    if len(text) >= 2:
        found = Territory.objects.suggested(text)
        if kind:
            found = found.of_kind(kind)
        found = found.select_related("departement").only(
            "kind", "code", "name", "postcodes", "point", "departement__code"
        )
        results = [_suggestion(place) for place in found[:SUGGESTIONS]]
    response = JsonResponse({"results": results})
    patch_cache_control(response, public=True, max_age=SUGGESTIONS_SECONDS)
    return response


# The kinds as a suggestion names them, briefly.
KINDS_SHOWN = {
    Territory.Kind.REGION: gettext_lazy("région"),
    Territory.Kind.DEPARTEMENT: gettext_lazy("département"),
    Territory.Kind.EPCI: gettext_lazy("EPCI"),
    Territory.Kind.COMMUNE: gettext_lazy("commune"),
}


def _suggestion(place):
    point = place.point
    kind = str(KINDS_SHOWN[place.kind])
    if place.kind == Territory.Kind.COMMUNE and place.departement_id:
        kind = _("%(kind)s, %(departement)s") % {
            "kind": kind,
            "departement": place.departement.code,
        }
    return {
        "key": place.key,
        "label": str(place),
        "kind": kind,
        "description": f"{place.name} — {kind}",
        "lat": round(point.y, 5) if point else None,
        "lng": round(point.x, 5) if point else None,
    }
