"""The read API, /api/v1/: its operations, its OpenAPI document
(/api/v1/openapi.json) and its documentation page (/api/v1/docs/).

django-ninja builds the OpenAPI document from the signatures and the schemas
of api/schemas.py; every address is wrapped by api.http.api_view (GET only,
rate limit, ETag, CORS).
"""

from typing import Literal

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError

from actors.filters import ProgrammeFilter
from actors.models import Actor, Programme
from api import documentation, http, payloads, schemas, summary
from api import programmes as programme_payloads
from initiatives import directory
from initiatives.choices import Stage, Structure
from initiatives.filters import MAX_RADIUS_KM, MIN_RADIUS_KM, SORT_CHOICES
from territories.dashboard import dashboard
from territories.models import Territory
from themes.catalogue import catalogue

MAX_PER_PAGE = 100

api = NinjaAPI(
    title="API de Carrefour",
    version="1.0",
    description=(
        "Lecture seule des initiatives publiées de l’annuaire, de leurs acteurs, "
        "territoires, thématiques, publics et sources. Données sous Licence Ouverte 2.0."
    ),
    urls_namespace="api",
    docs_url=None,
)

ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}

PageNumber = Query(1, ge=1, le=1_000_000, description="Numéro de page, à partir de 1.")
PerPage = Query(20, ge=1, le=MAX_PER_PAGE, description="Résultats par page (100 au plus).")


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    fields = {}
    for item in exc.errors:
        name = str(item.get("loc", ["", "?"])[-1])
        fields.setdefault(name, []).append(_validation_message(item))
    return _invalid(fields)


@api.exception_handler(Http404)
def not_found(request, exc):
    return http.error(str(exc) or _("Introuvable."), 404)


def _validation_message(item):
    context = item.get("ctx") or {}
    kind = item.get("type", "")
    if kind.endswith("_parsing") or kind.endswith("_type"):
        return _("Un nombre entier est attendu.")
    if "max_length" in context:
        return _("Au plus %(count)s caractères.") % {"count": context["max_length"]}
    if "ge" in context:
        return _("Au moins %(value)s.") % {"value": context["ge"]}
    if "le" in context:
        return _("Au plus %(value)s.") % {"value": context["le"]}
    if kind == "literal_error" or kind == "enum":
        return _("Valeur inconnue : %(values)s.") % {"values": context.get("expected", "")}
    return _("Valeur invalide.")


def _invalid(fields):
    message = _("Paramètres invalides : %(names)s.") % {"names": ", ".join(fields)}
    return http.error(message, 400, fields)


@api.get(
    "/initiatives/",
    response={200: schemas.InitiativePage, **ERRORS},
    summary="Initiatives publiées, filtrées et triées comme la liste du site",
)
def initiative_list(
    request,
    q: str = Query("", max_length=200, description="Mots cherchés."),
    thematique: list[str] = Query(None, description="Slug de thématique ; toutes requises."),
    public: list[str] = Query(None, description="Slug de public ; tous requis."),
    territoire: str = Query(
        "", description="Clé `<type>-<code>`, nom, code postal ou « Voiron (38500) »."
    ),
    etape: Literal[tuple(Stage.values)] | None = Query(None, description="Étape."),
    structure: Literal[tuple(Structure.values)] | None = Query(None, description="Structure."),
    acteur: str = Query("", description="Slug d’un acteur."),
    source: str = Query("", description="Slug d’une source partenaire."),
    label: str = Query(
        "",
        description="Label ou prix reçu : le slug de son nom sans « Lauréat » ni "
        "année, par exemple `la-france-s-engage`.",
    ),
    pres_de: str = Query("", description="Lieu autour duquel chercher."),
    rayon: int = Query(
        None, ge=MIN_RADIUS_KM, le=MAX_RADIUS_KM, description="Rayon autour de `pres_de`, en km."
    ),
    tri: Literal[tuple(value for value, _label in SORT_CHOICES)] | None = Query(
        None, description="Ordre : pertinence (par défaut avec `q`), récentes d’abord sinon."
    ),
    page: int = PageNumber,
    par_page: int = PerPage,
):
    """Les mêmes paramètres que /initiatives/ donnent les mêmes initiatives, dans
    le même ordre : la page, la carte et l’API appellent la même recherche."""
    found = directory.search(request.GET, page=page, per_page=par_page)
    if found.filter.errors:
        return _invalid(
            {
                name: [str(message) for message in messages]
                for name, messages in found.filter.errors.items()
            }
        )
    return {
        **payloads.page_links(request, found.page, found.results.exact),
        "resultats": payloads.initiative_rows([card.slug for card in found.cards]),
    }


@api.get(
    "/initiatives/{slug}/",
    response={200: schemas.InitiativeDetail, **ERRORS},
    summary="Une initiative publiée : lieux, acteurs et rôles, indicateurs, distinctions, sources",
)
def initiative_detail(request, slug: str):
    return payloads.initiative_detail(slug)


@api.get(
    "/acteurs/",
    response={200: schemas.ActorPage, **ERRORS},
    summary="Acteurs publiés (financeurs, réseaux, collectivités…), par nom",
)
def actor_list(
    request,
    type: Literal[tuple(Actor.Kind.values)] | None = Query(None, description="Type d’acteur."),
    q: str = Query("", max_length=200, description="Début ou partie du nom."),
    page: int = PageNumber,
    par_page: int = PerPage,
):
    queryset = payloads.actors()
    if type:
        queryset = queryset.filter(kind=type)
    if q.strip():
        queryset = queryset.filter(name__unaccent__icontains=q.strip())
    found = payloads.paginate(queryset, page, par_page)
    return {
        **payloads.page_links(request, found),
        "resultats": [payloads.actor(item) for item in found],
    }


@api.get(
    "/acteurs/{slug}/",
    response={200: schemas.ActorDetail, **ERRORS},
    summary="Un acteur publié, ses territoires, thématiques et programmes",
)
def actor_detail(request, slug: str):
    return payloads.actor_detail(slug)


@api.get(
    "/programmes/",
    response={200: schemas.ProgrammePage, **ERRORS},
    summary="Programmes publiés (subventions, prêts, prix, incubation…), filtrés comme sur le site",
)
def programme_list(
    request,
    q: str = Query("", max_length=200, description="Mots cherchés."),
    territoire: str = Query(
        "", description="Ouverts dans ce territoire : clé `<type>-<code>`, nom ou code postal."
    ),
    thematique: str = Query("", description="Slug d’une thématique ou d’un domaine."),
    type: Literal[tuple(Programme.Kind.values)] | None = Query(None, description="Type."),
    etape: Literal[tuple(Stage.values)] | None = Query(None, description="Étape."),
    ouvert: bool = Query(False, description="Seulement ceux où l’on peut candidater ce jour."),
    page: int = PageNumber,
    par_page: int = PerPage,
):
    """Les mêmes paramètres que /programmes/ donnent les mêmes programmes."""
    filterset = ProgrammeFilter(request.GET, queryset=Programme.objects.published())
    if not filterset.is_valid():
        return _invalid(
            {
                name: [str(message) for message in errors]
                for name, errors in filterset.errors.items()
            }
        )
    found = payloads.paginate(programme_payloads.programmes(filterset.qs), page, par_page)
    return {
        **payloads.page_links(request, found),
        "resultats": [programme_payloads.programme(item) for item in found],
    }


@api.get(
    "/programmes/{slug}/",
    response={200: schemas.ProgrammeDetail, **ERRORS},
    summary="Un programme publié : ce qu’il apporte, à qui, ses appels et ses porteurs",
)
def programme_detail(request, slug: str):
    return programme_payloads.programme_detail(slug)


@api.get(
    "/territoires/",
    response={200: schemas.TerritoryPage, **ERRORS},
    summary="Territoires du Code officiel géographique, avec leurs parents",
)
def territory_list(
    request,
    type: Literal[tuple(Territory.Kind.values)] | None = Query(None, description="Type."),
    parent: str = Query("", description="Clé du territoire qui les contient."),
    q: str = Query(
        "",
        max_length=200,
        description="Mots du nom (accents, formes courtes et fautes de frappe tolérés), "
        "numéro de département ou code postal : les plus pertinents d’abord.",
    ),
    page: int = PageNumber,
    par_page: int = PerPage,
):
    queryset = payloads.territories()
    if type:
        queryset = queryset.filter(kind=type)
    if parent:
        container = Territory.objects.only("kind").by_key(parent)
        if container is None or container.kind not in payloads.PARENTS:
            return _invalid({"parent": [_("Aucune région, département ou EPCI n’a cette clé.")]})
        # Every territory inside it (EPCI of a département included), not itself.
        queryset = queryset.filter(ancestor_ids__contains=[container.pk]).exclude(pk=container.pk)
    if q.strip():
        queryset = queryset.suggested(q)
    else:
        queryset = queryset.order_by("name", "kind", "code")
    found = payloads.paginate(queryset, page, par_page)
    return {
        **payloads.page_links(request, found),
        "resultats": [payloads.territory(place) for place in found],
    }


@api.get(
    "/territoires/{cle}/",
    response={200: schemas.Territory, **ERRORS},
    summary="Un territoire, par sa clé `<type>-<code>`",
)
def territory_detail(request, cle: str):
    kind, _sep, code = cle.partition("-")
    place = payloads.territories().filter(kind=kind, code=code.upper()).first()
    if place is None:
        raise Http404(_("Aucun territoire n’a cette clé."))
    return payloads.territory(place)


@api.get(
    "/territoires/{cle}/synthese/",
    response={200: schemas.TerritorySummary, **ERRORS},
    summary="Le tableau de bord d’un territoire : ce qui existe, ce qui manque, "
    "ce qui pourrait venir et qui peut aider",
    url_name="territory_summary",
)
def territory_summary(request, cle: str):
    """Les chiffres de la page du territoire : les initiatives situées ou actives
    dans le territoire par thématique et par étape, pour 10 000 habitants ici et
    dans les territoires comparables (même type, population de la moitié au
    double, dans le même département, la même région ou en France), les
    thématiques absentes ou faibles, les initiatives à essaimer et les acteurs
    qui peuvent aider."""
    place = (
        Territory.objects.select_related(*payloads.PARENTS)
        .defer("geometry", *(f"{parent}__geometry" for parent in payloads.PARENTS))
        .by_key(cle)
    )
    if place is None:
        raise Http404(_("Aucun territoire n’a cette clé."))
    return summary.summary(dashboard(place))


@api.get(
    "/thematiques/",
    response={200: list[schemas.Theme], **ERRORS},
    summary="Domaines et thématiques, dans l’ordre de la nomenclature",
)
def theme_list(request):
    taxonomy = catalogue()
    return [payloads.theme(theme, taxonomy) for theme in taxonomy.themes]


@api.get("/publics/", response={200: list[schemas.Public], **ERRORS}, summary="Publics")
def public_list(request):
    return [{"slug": public.slug, "nom": public.name} for public in catalogue().publics]


@api.get(
    "/sources/",
    response={200: list[schemas.Source], **ERRORS},
    summary="Sources partenaires et leurs licences",
)
def source_list(request):
    return [payloads.source(item) for item in payloads.sources()]


def docs(request):
    """The documentation page, written from the OpenAPI document: no script, no CDN."""
    spec = api.get_openapi_schema(path_prefix=request.path.removesuffix("docs/").rstrip("/"))
    return render(
        request,
        "api/docs.html",
        {
            "spec": spec,
            "openapi_url": request.path.removesuffix("docs/") + "openapi.json",
            "operations": documentation.operations(spec),
            "schemas": documentation.schemas(spec),
            "limit": settings.API_REQUESTS_PER_CLIENT_MINUTE,
        },
    )
