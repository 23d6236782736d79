"""The GeoJSON export: one feature per site of each initiative."""

from opendata import links


def site_features(initiative):
    """The features of the sites of `initiative` (relations prefetched)."""
    carrier = links.carrier(initiative)
    common = {
        "identifiant": initiative.slug,
        "nom": initiative.name,
        "url": links.fiche(initiative),
        "resume": initiative.summary,
        "site_web": initiative.website,
        "structure_porteuse": carrier.name if carrier else "",
        "thematiques": [theme.slug for theme in initiative.themes.all()],
        "publics": [public.slug for public in initiative.publics.all()],
    }
    for site in initiative.sites.all():
        geometry = None
        if site.point is not None:
            coordinates = [round(site.point.x, 6), round(site.point.y, 6)]
            geometry = {"type": "Point", "coordinates": coordinates}
        properties = {
            **common,
            "lieu": site.name,
            "adresse": site.address,
            "commune": site.commune.name if site.commune_id else "",
            "commune_code": site.commune.key if site.commune_id else "",
        }
        yield {"type": "Feature", "geometry": geometry, "properties": properties}
