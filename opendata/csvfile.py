"""The CSV export: the directory's own open-data format (carrefour-csv), whose
columns sources/readers/carrefour.py defines once, so that the export reads
back through the importer."""

import csv

from opendata import links
from sources.readers.carrefour import COLUMNS, SEPARATOR


class _Line:
    """A file-like object whose write() returns the line written, for csv.writer."""

    def write(self, value):
        return value


def lines(chunks):
    """The CSV text of the initiatives of `chunks` (lists of initiatives), line by line."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield writer.writerow(list(COLUMNS))
    for chunk in chunks:
        for initiative in chunk:
            for row in initiative_rows(initiative):
                yield writer.writerow([row.get(name, "") for name in COLUMNS])


def initiative_rows(initiative):
    """One row per site (at least one row): the first carries the initiative,
    the others only its identifier and their site."""
    sites = list(initiative.sites.all()) or [None]
    for index, site in enumerate(sites):
        row = initiative_fields(initiative) if index == 0 else {"identifiant": initiative.slug}
        if site is not None:
            row.update(site_fields(site))
        yield row


def initiative_fields(initiative):
    carrier = links.carrier(initiative)
    return {
        "identifiant": initiative.slug,
        "url": links.fiche(initiative),
        "nom": initiative.name,
        "resume": initiative.summary,
        "description": initiative.description,
        "innovation": initiative.innovation,
        "site_web": initiative.website,
        "etape": initiative.stage,
        "type_structure": initiative.structure_type,
        "annee_creation": initiative.year_started or "",
        "structure_porteuse": carrier.name if carrier else "",
        "thematiques": SEPARATOR.join(theme.slug for theme in initiative.themes.all()),
        "publics": SEPARATOR.join(public.slug for public in initiative.publics.all()),
        "territoires": SEPARATOR.join(place.key for place in initiative.territories.all()),
        "national": "oui" if initiative.is_national else "non",
        "image": links.image(initiative),
    }


def site_fields(site):
    point = site.point
    return {
        "site_adresse": site.address,
        "site_commune": site.commune.key if site.commune_id else "",
        "site_latitude": round(point.y, 6) if point else "",
        "site_longitude": round(point.x, 6) if point else "",
    }
