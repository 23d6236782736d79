"""Initiatives as schema.org data (JSON-LD), for the fiche and the .jsonld
export: the initiative (a Project), its carrying organisation and its places.
Public fields only: never a contact, a holder or an unpublished actor."""

from django.urls import reverse

from opendata import links

CONTEXT = "https://schema.org"


def initiative_data(initiative, *, sites, themes, awards):
    """The schema.org object of `initiative`, from its `sites` (with their
    communes), `themes` and `awards`, as lists the caller has read."""
    data = {
        "@type": "Project",
        "@id": links.fiche(initiative),
        "url": links.fiche(initiative),
        "identifier": initiative.slug,
        "name": initiative.name,
        "description": initiative.summary,
    }
    if initiative.website:
        data["sameAs"] = initiative.website
    if initiative.year_started:
        data["foundingDate"] = str(initiative.year_started)
    if initiative.image:
        data["image"] = links.image(initiative)
    if themes:
        data["keywords"] = [theme.name for theme in themes]
    carrier = links.carrier(initiative)
    if carrier is not None:
        data["parentOrganization"] = _organization(carrier)
    places = [_place(site) for site in sites]
    if places:
        data["location"] = places
    if initiative.is_national:
        data["areaServed"] = {"@type": "Country", "name": "France"}
    if awards:
        data["award"] = [str(award) for award in awards]
    return data


def document(data):
    """A JSON-LD document of one object."""
    return {"@context": CONTEXT, **data}


def _organization(actor):
    organization = {
        "@type": "Organization",
        "@id": links.absolute(reverse("actors:detail", args=[actor.slug])),
        "name": actor.name,
    }
    if actor.website:
        organization["sameAs"] = actor.website
    return organization


def _place(site):
    place = {"@type": "Place"}
    if site.name:
        place["name"] = site.name
    address = {"@type": "PostalAddress", "addressCountry": "FR"}
    if site.address:
        address["streetAddress"] = site.address
    if site.commune_id:
        address["addressLocality"] = site.commune.name
    place["address"] = address
    if site.point is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": round(site.point.y, 6),
            "longitude": round(site.point.x, 6),
        }
    return place


def export_data(initiative):
    """The schema.org object of an initiative read by the directory's exports
    (its relations prefetched)."""
    return initiative_data(
        initiative,
        sites=list(initiative.sites.all()),
        themes=list(initiative.themes.all()),
        awards=list(initiative.awards.all()),
    )
