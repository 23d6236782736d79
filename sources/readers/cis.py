"""cis-csv: the partner exports of the original Carrefour des Innovations
Sociales. One row per site; the rows of a project share `ID interne sourceur`
(else `ID CIS`); a later row may carry only a point, and a row with neither an
identifier nor a name but with a place continues the project above it."""

import re
from collections import defaultdict

from django.utils.translation import gettext as _

from sources.crosswalks.cis import CODES

from . import values
from .rows import Partner, Problem, ReadResult, Site, SourceRow
from .tables import Table

# Our field → the column keys (values.key) that may hold it, first found wins.
COLUMNS = {
    "partner": ["sourceur"],
    "partner_url": ["urlsourceur"],
    "partner_logo": ["urllogosourceur"],
    "cis_id": ["idcis"],
    "internal_id": ["idinternesourceur"],
    "guid": ["guid"],
    "name": ["nomduprojet"],
    "carrier": ["structureporteuse"],
    "description": ["description"],
    "free_tags": ["tagssourceur"],
    "facebook": ["facebook"],
    "twitter": ["twitter"],
    "other_networks": ["autresreseaux"],
    "email": ["email", "mail", "courriel"],
    "image_link": ["imagelink"],
    "image_path": ["imagepath"],
    "awards": ["laureats", "laureat"],
    "postcode": ["codepostal", "cp"],
    "departement": ["departementcode", "codedepartement"],
    "address": ["adresse"],
    "city": ["ville", "commune"],
    "lat": ["lat", "latitude"],
    "lon": ["long", "lng", "lon", "longitude"],
}
# "Tag CIS - Niveau - 1 - Thématiques 2" and its "… CODE" column, whatever the
# dashes; as many as the file has.
_TAG_COLUMN = re.compile(r"^tags?cisniveau([12])(?:sous)?thematiques(\d+)(code)?$")
_CONTENT_TYPE_COLUMN = re.compile(r"^tags?cistypesdecontenu(code)?$")


def read(data):
    table = Table(data, required="nomduprojet", label="Nom du projet")
    reader = _Reader(table)
    for line, record in table.records():
        reader.add(line, record)
    return reader.result()


class _Reader:
    def __init__(self, table):
        self.table = table
        self.get = {field: table.getter(*keys) for field, keys in COLUMNS.items()}
        self.tag_slots = _slots(table, _TAG_COLUMN)
        self.content_slots = _slots(table, _CONTENT_TYPE_COLUMN)
        self.projects = []
        self.by_id = {}
        self.guids = {}  # project index → GUID
        self.partner = None
        self.previous = None
        self.warnings = table.warnings

    def value(self, record, field):
        return values.text(self.get[field](record))

    def warn(self, line, message):
        if message:
            self.warnings.append(Problem(line, message))

    def add(self, line, record):
        internal_id = self.value(record, "internal_id")
        cis_id = self.value(record, "cis_id")
        name = values.one_line(self.get["name"](record))
        site = self.site(line, record)
        project = self.by_id.get(("interne", internal_id)) if internal_id else None
        if project is None and cis_id:
            project = self.by_id.get(("cis", cis_id))
        if project is None and not (internal_id or cis_id or name) and site and self.previous:
            project = self.previous
        if project is None:
            project = SourceRow(lines=[line], identifier=internal_id or cis_id)
            self.projects.append(project)
        elif line not in project.lines:
            project.lines.append(line)
        if internal_id:
            self.by_id.setdefault(("interne", internal_id), project)
        if cis_id:
            self.by_id.setdefault(("cis", cis_id), project)
        self.fill(project, line, record, name)
        if site and site not in project.sites:
            project.sites.append(site)
        self.previous = project
        if self.partner is None and self.value(record, "partner"):
            self.partner = Partner(
                self.value(record, "partner"),
                values.url(self.get["partner_url"](record))[0],
                values.url(self.get["partner_logo"](record))[0],
            )

    def fill(self, project, line, record, name):
        """The project's fields from one of its rows: the first known value wins."""
        if name and project.name and name != project.name:
            self.warn(
                line,
                _("nom « %(name)s » différent de celui de la ligne %(first)s, ignoré")
                % {"name": name, "first": project.line},
            )
        project.name = project.name or name
        project.carrier = project.carrier or values.one_line(self.get["carrier"](record))
        project.description = project.description or self.value(record, "description")
        if id(project) not in self.guids and self.value(record, "guid"):
            self.guids[id(project)] = self.value(record, "guid")
        if project.private_email is None:
            project.private_email, reason = values.email(self.get["email"](record))
            self.warn(line, reason)
        if project.image_url is None:
            for field in ("image_link", "image_path"):
                raw = self.value(record, field)
                if raw and raw.lower().startswith(("http://", "https://", "www.")):
                    project.image_url = values.url(raw)[0]
                    break
        for year in values.years(self.get["awards"](record)):
            if year not in project.award_years:
                project.award_years.append(year)
        for link in self.social_links(line, record):
            if link not in project.social_links:
                project.social_links.append(link)
        for tag in self.tags(line, record):
            if tag not in project.tags:
                project.tags.append(tag)
        for code_getter, label_getter in self.content_slots:
            kind = values.text(code_getter(record)) or values.text(label_getter(record))
            if kind and kind not in project.content_types:
                project.content_types.append(kind)

    def tags(self, line, record):
        for code_getter, label_getter in self.tag_slots:
            code = values.text(code_getter(record))
            if code:
                code = code.upper()
                if code not in CODES:
                    self.warn(
                        line,
                        _("code CIS « %(code)s » inconnu, gardé comme étiquette")
                        % {"code": values.shown(code)},
                    )
                yield code
            elif label := values.one_line(label_getter(record)):
                yield label
        yield from values.split(self.get["free_tags"](record))

    def social_links(self, line, record):
        for field in ("facebook", "twitter"):
            raw = self.value(record, field)
            if raw and field == "twitter" and raw.startswith("@"):
                raw = "https://twitter.com/" + raw[1:]
            link, reason = values.url(raw)
            self.warn(line, reason)
            if link:
                yield link
        yield from values.urls_in(self.get["other_networks"](record))

    def site(self, line, record):
        postcode, reason = values.postcode(self.get["postcode"](record))
        self.warn(line, reason)
        departement = values.departement(self.get["departement"](record))
        if values.postcode_contradicts(postcode, departement):
            self.warn(
                line,
                _("code postal %(postcode)s mais département %(departement)s")
                % {"postcode": postcode, "departement": departement},
            )
        latitude, longitude, reason = values.point(self.get["lat"](record), self.get["lon"](record))
        self.warn(line, reason)
        site = Site(
            address=values.one_line(self.get["address"](record)),
            postcode=postcode,
            city=values.one_line(self.get["city"](record)),
            departement=departement,
            latitude=latitude,
            longitude=longitude,
        )
        return None if site.is_empty() else site

    def result(self):
        self.set_page_urls()
        rows, errors = [], self.table.errors
        for project in self.projects:
            if not project.name:
                errors.append(Problem(project.line, _("nom du projet manquant")))
                continue
            if project.identifier is None:
                self.warn(
                    project.line,
                    _(
                        "ni « ID interne sourceur » ni « ID CIS » : le projet sera retrouvé "
                        "par son nom"
                    ),
                )
            rows.append(project)
        errors.sort(key=lambda problem: problem.line or 0)
        self.warnings.sort(key=lambda problem: problem.line or 0)
        return ReadResult(rows, errors, self.warnings, self.partner)

    def set_page_urls(self):
        """A GUID names the project's page at the partner, unless several
        projects share it: it is then a placeholder of the export."""
        users = defaultdict(int)
        for guid in self.guids.values():
            users[guid] += 1
        for guid, count in users.items():
            if count > 1:
                self.warn(
                    None,
                    _(
                        "GUID « %(guid)s » commun à %(count)s projets : ignoré (ce n’est pas la "
                        "page d’un projet)"
                    )
                    % {"guid": guid, "count": count},
                )
        for project in self.projects:
            guid = self.guids.get(id(project))
            if guid and users[guid] == 1 and guid.lower().startswith(("http://", "https://")):
                project.page_url = values.url(guid)[0]


def _slots(table, pattern):
    """(code getter, label getter) of each numbered tag column, in order."""
    found = defaultdict(dict)
    for column_key, index in table.columns.items():
        match = pattern.match(column_key)
        if match:
            *slot, is_code = match.groups()
            found[tuple(slot)]["code" if is_code else "label"] = index
    getters = []
    for slot in sorted(found, key=lambda s: tuple(int(part) for part in s)):
        getters.append(
            tuple(
                (lambda r, i=found[slot][kind]: r[i] if i < len(r) else None)
                if kind in found[slot]
                else (lambda r: None)
                for kind in ("code", "label")
            )
        )
    return getters
