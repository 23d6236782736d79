"""Where the sites of an import are: their communes, found for every row at
once (a handful of queries, whatever the number of rows).

A point in France decides its commune (the commune whose outline contains
it); a site without a point is placed at the commune of its postcode and city
name (or of its city name alone), at that commune's point. A point whose
commune does not have the row's postcode is kept, and reported.
"""

import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models import Value
from django.db.models.functions import Lower, Replace
from django.utils.translation import gettext as _

from carrefour.text import Unaccent
from territories.models import Territory

POINT_COMMUNES_SQL = """
SELECT p.idx, t.id FROM unnest(%s::int[], %s::float8[], %s::float8[]) AS p(idx, lon, lat)
JOIN territories_territory t ON t.kind = 'commune'
 AND ST_Contains(t.geometry, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))
"""
# Six decimals: about 10 cm, what a comparison of two imports needs.
DIGITS = 6


@dataclass
class Place:
    """A site as the import writes it."""

    address: str
    commune: Territory | None
    longitude: float | None
    latitude: float | None

    def as_value(self):
        """JSON-ready, as the listing's snapshot keeps it."""
        return [self.address, self.commune.pk if self.commune else None, *self._rounded()]

    def _rounded(self):
        if self.longitude is None or self.latitude is None:
            return [None, None]
        return [round(self.longitude, DIGITS), round(self.latitude, DIGITS)]


def plain_name(text):
    """A city name without case, accents, hyphens nor apostrophes."""
    text = unicodedata.normalize("NFKD", str(text or "").casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("-", " ").replace("'", " ").replace("’", " ").split())


def places_locate(rows):
    """{(row index, site index): Place} for every site of `rows`, and the
    warnings [(line, message)]."""
    sites = [(r, s, site) for r, row in enumerate(rows) for s, site in enumerate(row.sites or [])]
    by_point = _communes_by_point(sites)
    by_postcode, by_name, by_key = _communes_by_postcode_and_name(sites)
    places, warnings = {}, []
    for r, s, site in sites:
        row = rows[r]
        line = row.lines[s] if s < len(row.lines) else row.line
        from_postcode = _commune_named(site, by_postcode, by_name, by_key)
        commune = by_point.get((r, s))
        # Only a postcode our territories know can contradict a point (Paris and
        # Lyon have no postcodes of their own: theirs are their arrondissements').
        if commune and site.postcode in by_postcode and commune not in by_postcode[site.postcode]:
            warnings.append((line, _point_contradiction(site, commune)))
        if not site.has_point and from_postcode is None and (site.postcode or site.city):
            warnings.append(
                (
                    line,
                    _("commune introuvable pour « %(place)s » : lieu sans commune.")
                    % {"place": " ".join(filter(None, (site.postcode, site.city)))},
                )
            )
        commune = commune or from_postcode
        longitude, latitude = site.longitude, site.latitude
        if not site.has_point and commune is not None and commune.point is not None:
            longitude, latitude = commune.point.x, commune.point.y
        places[(r, s)] = Place(site.address or "", commune, longitude, latitude)
    return places, warnings


def _point_contradiction(site, commune):
    return _(
        "le point (%(lat)s, %(lon)s) est à %(commune)s, hors du code postal %(postcode)s : "
        "le point est gardé."
    ) % {
        "lat": site.latitude,
        "lon": site.longitude,
        "commune": commune.name,
        "postcode": site.postcode,
    }


def _communes_by_point(sites):
    pointed = [(i, site) for i, (_r, _s, site) in enumerate(sites) if site.has_point]
    if not pointed:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            POINT_COMMUNES_SQL,
            [
                [i for i, _site in pointed],
                [site.longitude for _i, site in pointed],
                [site.latitude for _i, site in pointed],
            ],
        )
        found = dict(cursor.fetchall())
    communes = Territory.objects.defer("geometry").in_bulk(set(found.values()))
    return {sites[i][:2]: communes[pk] for i, pk in found.items()}


def _communes_by_postcode_and_name(sites):
    postcodes = {site.postcode for _r, _s, site in sites if site.postcode}
    names = {plain_name(site.city) for _r, _s, site in sites if site.city}
    keys = {site.commune for _r, _s, site in sites if site.commune}
    communes = Territory.objects.of_kind("commune").defer("geometry")
    by_postcode, by_name, by_key = {}, {}, {}
    if postcodes:
        for commune in communes.filter(postcodes__overlap=sorted(postcodes)):
            for postcode in commune.postcodes:
                by_postcode.setdefault(postcode, []).append(commune)
    if names:
        plain = Unaccent(
            Lower(Replace(Replace("name", Value("-"), Value(" ")), Value("'"), Value(" ")))
        )
        for commune in communes.annotate(plain=plain).filter(plain__in=sorted(names)):
            by_name.setdefault(plain_name(commune.name), []).append(commune)
    if keys:
        codes = [key.removeprefix("commune-") for key in keys]
        by_key = {c.key: c for c in communes.filter(code__in=codes)}
    return by_postcode, by_name, by_key


def _commune_named(site, by_postcode, by_name, by_key):
    if site.commune and site.commune in by_key:
        return by_key[site.commune]
    city = plain_name(site.city)
    if site.postcode in by_postcode:
        candidates = by_postcode[site.postcode]
        named = [c for c in candidates if plain_name(c.name) == city]
        # Several communes share a postcode: without a matching name, the most
        # populous, which the postcode is usually named after.
        return (named or sorted(candidates, key=lambda c: -(c.population or 0)) or [None])[0]
    candidates = by_name.get(city, [])
    departement = site.departement or (site.postcode or "")[:2]
    if departement:
        candidates = [c for c in candidates if c.code.startswith(departement)]
    return candidates[0] if len(candidates) == 1 else None
