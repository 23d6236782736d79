"""The API's answers as plain dicts, shaped like api/schemas.py, read in a
fixed number of queries whatever the page size."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.translation import gettext as _

from actors.models import Actor
from initiatives.directory.cards import fiche_url
from initiatives.models import Initiative, InitiativeActor
from sources.models import Source
from territories.models import Territory
from themes.catalogue import catalogue

# What the lists read of an initiative: not its search document, nor its
# commune's outline (the two heavy columns).
INITIATIVE_FIELDS = (
    "slug",
    "name",
    "summary",
    "commune__kind",
    "commune__code",
    "commune__name",
    "point",
    "theme_ids",
    "public_ids",
    "stage",
    "structure_type",
    "is_national",
    "is_fictitious",
    "published_at",
    "updated_at",
)

TERRITORY_FIELDS = ("kind", "code", "name", "population")
PARENTS = ("region", "departement", "epci")


def absolute(path):
    return settings.SITE_URL + path


def page_links(request, page, exact=True):
    """The addresses of the pages before and after `page`, with the same parameters;
    `exact`: whether its paginator's count is exact (else an estimate)."""

    def link(number):
        params = request.GET.copy()
        params["page"] = number
        return absolute(f"{request.path}?{params.urlencode()}")

    return {
        "total": page.paginator.count,
        "total_exact": exact,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "par_page": page.paginator.per_page,
        "suivante": link(page.next_page_number()) if page.has_next() else None,
        "precedente": link(page.previous_page_number()) if page.has_previous() else None,
    }


def paginate(queryset, number, per_page):
    """A page of `queryset` (a count and a read); Http404 past the last one."""
    try:
        return Paginator(queryset, per_page).page(number)
    except (EmptyPage, PageNotAnInteger):
        raise Http404(_("Page hors des résultats.")) from None


def position(point):
    if point is None:
        return None
    return {"longitude": round(point.x, 6), "latitude": round(point.y, 6)}


def territory_ref(territory):
    if territory is None:
        return None
    return {"cle": territory.key, "type": territory.kind, "nom": territory.name}


def initiative_rows(slugs):
    """The list payloads of the published initiatives `slugs`, in that order (one query)."""
    rows = Initiative.objects.published().filter(slug__in=slugs).values(*INITIATIVE_FIELDS)
    by_slug = {row["slug"]: initiative_summary(row) for row in rows}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def initiative_summary(row):
    taxonomy = catalogue()
    commune = None
    if row["commune__code"]:
        commune = {
            "cle": f"{row['commune__kind']}-{row['commune__code']}",
            "type": row["commune__kind"],
            "nom": row["commune__name"],
        }
    return {
        "slug": row["slug"],
        "nom": row["name"],
        "resume": row["summary"],
        "url": absolute(fiche_url(row["slug"])),
        "commune": commune,
        "position": position(row["point"]),
        "thematiques": [theme.slug for theme in taxonomy.tags(row["theme_ids"])],
        "publics": [
            taxonomy.publics_by_id[pk].slug
            for pk in row["public_ids"]
            if pk in taxonomy.publics_by_id
        ],
        "etape": row["stage"],
        "structure": row["structure_type"],
        "nationale": row["is_national"],
        "fictive": row["is_fictitious"],
        "publiee_le": row["published_at"],
        "modifiee_le": row["updated_at"],
    }


def initiative_detail(slug):
    """Everything the fiche shows of the published initiative `slug`; Http404 otherwise."""
    rows = list(Initiative.objects.published().filter(slug=slug).values("pk", *INITIATIVE_FIELDS))
    if not rows:
        raise Http404(_("Aucune initiative publiée n’a cet identifiant."))
    pk = rows[0]["pk"]
    initiative = (
        Initiative.objects.filter(pk=pk)
        .select_related("carrier")
        .only(
            "description",
            "innovation",
            "website",
            "year_started",
            "carrier__name",
            "carrier__slug",
            "carrier__is_published",
        )
        .get()
    )
    carrier = initiative.carrier
    roles = (
        InitiativeActor.objects.filter(initiative_id=pk, actor__is_published=True)
        .select_related("actor", "programme")
        .only("role", "actor__name", "actor__slug", "programme__name")
        .order_by("actor__name", "role")
    )
    sites = initiative.sites.select_related("commune").only(
        "initiative_id", "name", "address", "point", "position", *_commune_fields("commune")
    )
    listings = initiative.listings.current().select_related("source").order_by("source__name", "pk")
    territories = initiative.territories.only(*TERRITORY_FIELDS).order_by("kind", "name")
    return {
        **initiative_summary(rows[0]),
        "description": initiative.description,
        "innovation": initiative.innovation,
        "site_web": initiative.website,
        "annee_creation": initiative.year_started,
        "porteuse": (
            {"slug": carrier.slug, "nom": carrier.name}
            if carrier and carrier.is_published
            else None
        ),
        "territoires_action": [territory_ref(territory) for territory in territories],
        "lieux": [
            {
                "nom": site.name,
                "adresse": site.address,
                "commune": territory_ref(site.commune),
                "position": position(site.point),
            }
            for site in sites
        ],
        "acteurs": [
            {
                "acteur": {"slug": role.actor.slug, "nom": role.actor.name},
                "role": role.role,
                "role_libelle": role.get_role_display(),
                "programme": role.programme.name if role.programme else None,
            }
            for role in roles
        ],
        "indicateurs": [
            {
                "libelle": indicator.label,
                "valeur": float(indicator.value),
                "unite": indicator.unit,
                "annee": indicator.year,
            }
            for indicator in initiative.indicators.all()
        ],
        "distinctions": [
            {
                "nom": award.name,
                "annee": award.year,
                "label": award.label.slug if award.label else None,
            }
            for award in initiative.awards.select_related("label")
        ],
        "sources": [
            {
                "source": {"slug": listing.source.slug, "nom": listing.source.name},
                "page": listing.page_url,
                "mise_a_jour": (
                    listing.source_updated_at.isoformat() if listing.source_updated_at else None
                ),
            }
            for listing in listings
        ],
    }


def _commune_fields(relation):
    return [f"{relation}__{name}" for name in ("kind", "code", "name")]


def territories():
    """Territories with their parents, without any outline."""
    fields = [*TERRITORY_FIELDS]
    for parent in PARENTS:
        fields += _commune_fields(parent)
    return Territory.objects.select_related(*PARENTS).only(*fields)


def territory(place):
    return {
        **territory_ref(place),
        "code": place.code,
        "population": place.population,
        "parents": [
            territory_ref(getattr(place, parent))
            for parent in PARENTS
            if getattr(place, f"{parent}_id") is not None
        ],
        "url": absolute(place.get_absolute_url()),
    }


ACTOR_FIELDS = ("name", "slug", "kind", "website", "is_national")


def actors():
    return Actor.objects.published().only(*ACTOR_FIELDS).order_by("name", "pk")


def actor(item):
    return {
        "slug": item.slug,
        "nom": item.name,
        "type": item.kind,
        "site_web": item.website,
        "nationale": item.is_national,
        "url": absolute(item.get_absolute_url()),
    }


def actor_detail(slug):
    queryset = (
        actors()
        .select_related("territory")
        .only(*ACTOR_FIELDS, "description", *_commune_fields("territory"))
    )
    item = queryset.filter(slug=slug).first()
    if item is None:
        raise Http404(_("Aucun acteur publié n’a cet identifiant."))
    return {
        **actor(item),
        "description": item.description,
        "territoire": item.territory.key if item.territory else None,
        "territoires": [
            place.key for place in item.territories.only("kind", "code").order_by("kind", "code")
        ],
        "thematiques": [theme.slug for theme in item.themes.only("slug").order_by("slug")],
        "programmes": [
            {
                "slug": programme.slug,
                "nom": programme.name,
                "description": programme.summary,
                "site_web": programme.website,
                "url": absolute(programme.get_absolute_url()),
            }
            for programme in item.programmes.published().order_by("name")
        ],
    }


def sources():
    return (
        Source.objects.select_related("actor")
        .only(
            "name",
            "slug",
            "website",
            "licence",
            "licence_url",
            "actor__name",
            "actor__slug",
            "actor__is_published",
        )
        .order_by("name")
    )


def source(item):
    partner = item.actor
    return {
        "slug": item.slug,
        "nom": item.name,
        "site_web": item.website,
        "licence": item.licence,
        "licence_url": item.licence_url,
        "acteur": (
            {"slug": partner.slug, "nom": partner.name}
            if partner and partner.is_published
            else None
        ),
        "url": absolute(item.get_absolute_url()),
    }


def theme(item, taxonomy):
    parent = taxonomy.themes_by_id.get(item.parent_id)
    return {
        "slug": item.slug,
        "nom": item.name,
        "code": item.code,
        "domaine": parent.slug if parent else None,
        "description": item.description,
    }
