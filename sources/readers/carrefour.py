"""carrefour-csv and carrefour-json: the directory's own open-data format, so
that one instance imports another's export without loss.

COLUMNS is the one definition of the format: the export (opendata/csvfile.py)
writes these columns in this order, its Table Schema (opendata/tableschema.py,
/donnees/schema.json) is generated from them, and the readers below read them.
Only public fields: never a contact address.

CSV: UTF-8, `,`, one row per site; the rows of an initiative share
`identifiant` (its other columns may be left empty on the rows after the
first); multi-valued columns join their values with SEPARATOR (" | "), which no
slug or territory key contains. JSON: a list (or {"data": [...]}) of objects
with the same keys, multi-valued ones as lists, and "sites" as a list of
objects with the keys of SITE_FIELDS.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from initiatives.choices import Stage, Structure

from . import jsondata, values
from .rows import Problem, ReadResult, Site, SourceRow
from .tables import Table

SEPARATOR = " | "

_SLUG = r"[-a-zA-Z0-9_]+"
_TERRITORY = r"(region|departement|epci|commune)-[0-9AB]+"


def _several(pattern):
    """A pattern for `pattern` values joined by SEPARATOR."""
    return f"^{pattern}( \\| {pattern})*$"


@dataclass(frozen=True)
class Column:
    """A column of the format: its French description and, for the Table
    Schema published at /donnees/schema.json, its type and constraints."""

    description: str
    type: str = "string"
    format: str = "default"
    multiple: bool = False
    pattern: str = ""
    enum: tuple = ()
    required: bool = False


COLUMNS = {
    "identifiant": Column(
        "identifiant d’URL de la fiche (slug), stable d’un export à l’autre ; répété sur "
        "chaque ligne de ses sites",
        pattern=f"^{_SLUG}$",
        required=True,
    ),
    "url": Column("adresse de la fiche sur l’instance qui exporte", format="uri"),
    "nom": Column("nom de l’initiative (sur sa première ligne)"),
    "resume": Column("résumé en une ou deux phrases"),
    "description": Column("contexte, besoin, solution"),
    "innovation": Column("ce qui la rend innovante"),
    "site_web": Column("site web de l’initiative", format="uri"),
    "etape": Column("étape : " + ", ".join(Stage.values), enum=tuple(Stage.values)),
    "type_structure": Column(
        "type de structure : " + ", ".join(Structure.values), enum=tuple(Structure.values)
    ),
    "annee_creation": Column("année de création", type="integer"),
    "structure_porteuse": Column("nom de la structure porteuse"),
    "thematiques": Column(
        "slugs des thématiques (plusieurs valeurs)", multiple=True, pattern=_several(_SLUG)
    ),
    "publics": Column(
        "slugs des publics (plusieurs valeurs)", multiple=True, pattern=_several(_SLUG)
    ),
    "territoires": Column(
        "territoires d’action, clés <type>-<code> (plusieurs valeurs)",
        multiple=True,
        pattern=_several(_TERRITORY),
    ),
    "national": Column("agit dans toute la France : oui ou non", type="boolean"),
    "image": Column("adresse de l’image ou du logo", format="uri"),
    "site_adresse": Column("adresse du site"),
    "site_commune": Column(
        "commune du site, clé commune-<code INSEE>", pattern=r"^commune-[0-9AB]{5}$"
    ),
    "site_latitude": Column("latitude du site (WGS 84)", type="number"),
    "site_longitude": Column("longitude du site (WGS 84)", type="number"),
}
MULTI_VALUED = tuple(name for name, column in COLUMNS.items() if column.multiple)
SITE_FIELDS = ("adresse", "commune", "latitude", "longitude")

_TERRITORY_KEY = re.compile(r"^(region|departement|epci|commune)-[0-9AB]+$")
_YES = {"oui", "true", "1", "vrai", "yes"}
_NO = {"non", "false", "0", "faux", "no"}


def read_csv(data):
    table = Table(data, required="nom", label="nom")
    get = {column: table.getter(values.key(column)) for column in COLUMNS}
    rows, by_id, warnings = [], {}, table.warnings
    for line, record in table.records():
        fields = {column: get[column](record) for column in COLUMNS}
        for column in MULTI_VALUED:
            fields[column] = values.split(fields[column], "|")
        fields["sites"] = [{name: fields.pop("site_" + name) for name in SITE_FIELDS}]
        identifier = values.text(fields["identifiant"])
        row = by_id.get(identifier) if identifier else None
        if row is None:
            row = SourceRow(lines=[line], identifier=identifier)
            rows.append(row)
            if identifier:
                by_id[identifier] = row
        else:
            row.lines.append(line)
        _fill(row, fields, _warner(warnings, lambda reason, line=line: Problem(line, reason)))
    errors = table.errors + [Problem(row.line, _("nom manquant")) for row in rows if not row.name]
    errors.sort(key=lambda problem: problem.line or 0)
    return ReadResult([row for row in rows if row.name], errors, warnings)


def read_json(data):
    result = ReadResult(rows=[])
    seen = {}
    for number, element in jsondata.elements(data):
        if not isinstance(element, dict):
            result.errors.append(jsondata.not_an_object(number))
            continue
        identifier = values.text(_scalar(element.get("identifiant")))
        if identifier and identifier in seen:
            result.errors.append(jsondata.duplicate(number, identifier, seen[identifier]))
            continue
        row = SourceRow(lines=[number], identifier=identifier)
        fields = {column: _scalar(element.get(column)) for column in COLUMNS}
        for column in MULTI_VALUED:
            listed = element.get(column)
            fields[column] = [
                v for v in (values.text(_scalar(item)) for item in _as_list(listed)) if v
            ]
        fields["sites"] = [
            {name: _scalar(site.get(name)) for name in SITE_FIELDS}
            for site in _as_list(element.get("sites"))
            if isinstance(site, dict)
        ]
        _fill(
            row,
            fields,
            _warner(result.warnings, lambda reason, n=number: jsondata.problem(n, reason)),
        )
        if not row.name:
            result.errors.append(jsondata.problem(number, _("nom manquant")))
            continue
        seen.setdefault(identifier, number)
        result.rows.append(row)
    return result


def _warner(warnings, problem):
    """A function adding a warning when given a reason (None: nothing wrong)."""

    def warn(reason):
        if reason:
            warnings.append(problem(reason))

    return warn


def _fill(row, fields, warn):
    """Set the row's fields from one record; the first known value wins."""
    row.name = row.name or values.one_line(fields["nom"])
    row.page_url = row.page_url or values.url(fields["url"])[0]
    row.summary = row.summary or values.one_line(fields["resume"])
    row.description = row.description or values.text(fields["description"])
    row.innovation = row.innovation or values.text(fields["innovation"])
    row.carrier = row.carrier or values.one_line(fields["structure_porteuse"])
    row.image_url = row.image_url or values.url(fields["image"])[0]
    if row.website is None:
        row.website, reason = values.url(fields["site_web"])
        warn(reason)
    if row.stage is None:
        row.stage = _choice(fields["etape"], Stage, _("étape"), warn)
    if row.structure_type is None:
        row.structure_type = _choice(
            fields["type_structure"], Structure, _("type de structure"), warn
        )
    if row.year_started is None and (years := values.years(fields["annee_creation"])):
        row.year_started = years[0]
    if row.is_national is None:
        row.is_national = _yes_no(fields["national"])
    for column, target in (("thematiques", row.themes), ("publics", row.publics)):
        target.extend(slug for slug in fields[column] if slug not in target)
    for key in fields["territoires"]:
        if not _TERRITORY_KEY.match(key):
            warn(_("territoire « %(key)s » illisible, ignoré") % {"key": values.shown(key)})
        elif key not in row.territories:
            row.territories.append(key)
    for site_fields in fields["sites"]:
        site = _site(site_fields, warn)
        if site and site not in row.sites:
            row.sites.append(site)


def _site(fields, warn):
    latitude, longitude, reason = values.point(fields["latitude"], fields["longitude"])
    warn(reason)
    commune = values.text(fields["commune"])
    if commune and not re.fullmatch(r"commune-[0-9AB]{5}", commune):
        warn(_("commune « %(key)s » illisible, ignorée") % {"key": values.shown(commune)})
        commune = None
    site = Site(
        address=values.one_line(fields["adresse"]),
        commune=commune,
        latitude=latitude,
        longitude=longitude,
    )
    return None if site.is_empty() else site


def _choice(value, choices, label, warn):
    value = values.text(value)
    if value is None:
        return None
    if value not in choices.values:
        warn(
            _("%(label)s « %(value)s » : valeur inconnue, ignorée")
            % {"label": label, "value": values.shown(value)}
        )
        return None
    return value


def _yes_no(value):
    value = (values.text(value) or "").casefold()
    return True if value in _YES else False if value in _NO else None


def _scalar(value):
    if isinstance(value, bool):
        return "oui" if value else "non"
    return value if isinstance(value, (str, int, float)) else None


def _as_list(value):
    return value if isinstance(value, list) else [] if value is None else [value]
