from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET

from actors.matching import programmes_for
from actors.models import Programme
from carrefour import kept, versions
from initiatives import directory
from initiatives.directory import maps
from initiatives.models import Initiative
from initiatives.similar import similar_initiatives

# Programmes the search page shows above the initiatives, when words match them.
PROGRAMMES_FOUND = 4

# Programmes the fiche lists as possible (the first ones: open calls first).
PROGRAMMES_SHOWN = 6

# Map data may be a few minutes old: moderation publishes a few fiches a day.
MAP_DATA_SECONDS = 300


def initiative_list(request):
    ctx = _directory_context(request)
    ctx["programmes"] = programmes_matching(ctx["filter"])
    return render(request, "initiatives/list.html", ctx)


# Each worker keeps the programmes found for the words searched most often
# until a programme changes (its version token).
_programmes_found = kept.Memory(256)
PROGRAMMES_FOUND_SECONDS = 600


def programmes_matching(filterset):
    """The programmes whose words match the search's (none without words), best first."""
    words = getattr(filterset.form, "cleaned_data", {}).get("q")
    if not words:
        return []
    key = (versions.current("programmes"), words)
    found = _programmes_found.get(key)
    if found is None:
        programmes = Programme.objects.published().search(words).order_by("-rank", "name")
        found = list(programmes.only("name", "slug", "kind", "summary")[:PROGRAMMES_FOUND])
        _programmes_found.put(key, found, PROGRAMMES_FOUND_SECONDS)
    return found


def initiative_map(request):
    return render(request, "initiatives/map.html", _directory_context(request))


def _directory_context(request):
    """The list and the map show the same search, with the same parameters."""
    found = directory.search(request.GET)
    return {
        "filter": found.filter,
        "results": found.results,
        "facets": found.facets,
        "territory": found.filter.territory,
    }


@require_GET
@gzip_page
def map_data(request):
    """The initiatives of a viewport as GeoJSON: the list's filters plus `bbox` and `zoom`."""
    collection, errors = maps.map_data(request.GET)
    if errors:
        return _map_error(errors)
    response = HttpResponse(maps.dumps(collection), content_type="application/geo+json")
    patch_cache_control(response, public=True, max_age=MAP_DATA_SECONDS)
    # Published fiches are public: partners may read them from their own pages.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _map_error(errors):
    fields = {name: [str(message) for message in messages] for name, messages in errors.items()}
    message = _("Paramètres invalides : %(names)s.") % {"names": ", ".join(fields)}
    return JsonResponse(
        {"erreur": message, "champs": fields},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )


def roles_by_actor(roles):
    """[(actor, [its roles…]), …]: one line per actor on the fiche."""
    grouped = {}
    for role in roles:
        grouped.setdefault(role.actor, []).append(role)
    return list(grouped.items())


def fiche_sites(initiative):
    """Its sites, main one first, with their communes (not their outlines)."""
    sites = initiative.sites.select_related("commune").only(
        "initiative_id",
        "name",
        "address",
        "point",
        "position",
        "commune__kind",
        "commune__code",
        "commune__name",
    )
    return list(sites)


def site_communes(sites):
    """The communes of `sites`, each once, in their order."""
    return list({site.commune_id: site.commune for site in sites if site.commune}.values())


def sites_map_points(sites):
    """The sites with a position, as the fiche's small map reads them."""
    return [
        {
            "lat": round(site.point.y, 6),
            "lng": round(site.point.x, 6),
            "label": str(site),
        }
        for site in sites
        if site.point is not None
    ]


def initiative_detail(request, slug):
    listed = (Initiative.Status.PUBLISHED, Initiative.Status.ARCHIVED)
    queryset = Initiative.objects.filter(status__in=listed).select_related("commune", "carrier")
    initiative = get_object_or_404(queryset, slug=slug)
    if initiative.status == Initiative.Status.ARCHIVED:
        # Gone from the directory for good, unless a moderator restores it:
        # its name only, and where to look for others.
        ctx = {"initiative": initiative}
        return render(request, "initiatives/archived.html", ctx, status=410)
    themes = list(initiative.themes.select_related("parent"))
    publics = list(initiative.publics.all())
    roles = list(
        initiative.roles.filter(actor__is_published=True)
        .select_related("actor", "programme")
        .order_by("actor__name", "role")
    )
    sites = fiche_sites(initiative)
    indicators = list(initiative.indicators.all())
    supported = {(initiative.pk, role.programme_id) for role in roles if role.programme_id}
    ctx = {
        "initiative": initiative,
        "themes": themes,
        "publics": publics,
        "territories": list(initiative.territories.order_by("kind", "name")),
        "roles": roles_by_actor(roles),
        "awards": list(initiative.awards.select_related("label")),
        "indicators": indicators,
        "last_measured": max((i.year for i in indicators if i.year), default=None),
        # The partners that list it, each with its page there and its last update.
        "listings": list(
            initiative.listings.current().select_related("source").order_by("source__name", "pk")
        ),
        "similar": similar_initiatives(initiative, themes, publics),
        "sites": sites,
        "communes": site_communes(sites),
        "map_points": sites_map_points(sites),
    }
    matches = programmes_for(initiative, supported=supported)
    ctx["programmes"], ctx["programmes_total"] = matches[:PROGRAMMES_SHOWN], len(matches)
    return render(request, "initiatives/detail.html", ctx)
