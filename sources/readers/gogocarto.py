"""gogocarto-json: the element exports of GoGoCarto maps (Transiscope, Près de
chez nous), whose fields vary from one map and one version to another."""

from django.utils.translation import gettext as _

from . import jsondata, values
from .rows import ReadResult, Site, SourceRow


def read(data):
    result = ReadResult(rows=[])
    seen = {}
    for number, element in jsondata.elements(data):
        if not isinstance(element, dict):
            result.errors.append(jsondata.not_an_object(number))
            continue
        row = _row(number, element, result.warnings)
        if row.name is None:
            result.errors.append(jsondata.problem(number, _("nom manquant (name ou title)")))
        elif row.identifier is not None and row.identifier in seen:
            result.errors.append(jsondata.duplicate(number, row.identifier, seen[row.identifier]))
        else:
            seen.setdefault(row.identifier, number)
            result.rows.append(row)
    return result


def _row(number, element, warnings):
    def warn(reason):
        if reason:
            warnings.append(jsondata.problem(number, reason))

    identifier = values.text(element.get("id", element.get("_id")))
    row = SourceRow(lines=[number], identifier=identifier)
    row.name = values.one_line(_first(element, "name", "title"))
    description = [
        values.text(_first(element, "description")),
        values.text(element.get("descriptionMore")),
    ]
    row.description = "\n\n".join(part for part in description if part) or None
    row.website, reason = values.url(_first(element, "website", "site"))
    warn(reason)
    row.page_url, _reason = values.url(element.get("url"))
    row.private_email, reason = values.email(_first(element, "email", "mail"))
    warn(reason)
    row.tags = _categories(_first(element, "categories", "taxonomy", "categoriesFull"))
    row.image_url = _first_image(_first(element, "images", "image"))
    site = _site(element, warn)
    if not site.is_empty():
        row.sites.append(site)
    return row


def _first(element, *names):
    for name in names:
        value = element.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_text(value):
    """A scalar JSON value as text: numbers are ids, objects give nothing."""
    return values.text(value) if isinstance(value, (str, int, float)) else None


def _categories(value):
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    tags = []
    for item in value:
        if isinstance(item, dict):
            tag = _as_text(item.get("name")) or _as_text(item.get("id"))
        else:
            tag = _as_text(item)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def _first_image(value):
    items = value if isinstance(value, list) else [value]
    for item in items:
        raw = item.get("url") if isinstance(item, dict) else item
        link, _reason = values.url(_as_text(raw))
        if link:
            return link
    return None


def _site(element, warn):
    geo = element.get("geo") if isinstance(element.get("geo"), dict) else {}
    lat = geo.get("latitude", _first(element, "lat", "latitude"))
    lon = geo.get("longitude", _first(element, "lng", "long", "longitude"))
    latitude, longitude, reason = values.point(_as_text(lat), _as_text(lon))
    warn(reason)
    address = element.get("address")
    site = Site(latitude=latitude, longitude=longitude)
    if isinstance(address, dict):
        site.address = values.one_line(_as_text(address.get("streetAddress")))
        site.city = values.one_line(_as_text(address.get("addressLocality")))
        site.postcode, reason = values.postcode(_as_text(address.get("postalCode")))
        warn(reason)
        if site.address is None and site.city is None:
            site.address = values.one_line(_as_text(address.get("customFormatedAddress")))
    else:
        site.address = values.one_line(_as_text(address))
    return site
