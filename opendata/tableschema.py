"""The Table Schema of the CSV export (schema.data.gouv.fr's format:
Frictionless Table Schema), generated from the one definition of its columns
(sources/readers/carrefour.py COLUMNS)."""

from django.utils.translation import gettext as _

from sources.readers.carrefour import COLUMNS, SEPARATOR

LICENCE = {
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}


def table_schema(homepage):
    """The schema as a dict; `homepage` is the address of the open-data page."""
    return {
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "name": "carrefour-initiatives",
        "title": _("Initiatives de l’annuaire des innovations sociales"),
        "description": _(
            "Les initiatives publiées, une ligne par site : les lignes d’une initiative "
            "présente en plusieurs lieux partagent son identifiant, et seule la première "
            "porte ses autres colonnes. Les colonnes à plusieurs valeurs les séparent par "
            "« %(separator)s » entouré d’espaces."
        )
        % {"separator": SEPARATOR.strip()},
        "homepage": homepage,
        "version": "1.0.0",
        "licenses": [LICENCE],
        "countryCode": "FR",
        "encoding": "utf-8",
        "missingValues": [""],
        "fields": [_field(name, column) for name, column in COLUMNS.items()],
    }


def _field(name, column):
    field = {"name": name, "description": _describe(column), "type": column.type}
    if column.format != "default":
        field["format"] = column.format
    if column.type == "boolean":
        field["trueValues"] = ["oui"]
        field["falseValues"] = ["non"]
    constraints = {}
    if column.required:
        constraints["required"] = True
    if column.pattern:
        constraints["pattern"] = column.pattern
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        field["constraints"] = constraints
    if column.multiple:
        field["separator"] = SEPARATOR
    return field


def _describe(column):
    description = column.description[:1].upper() + column.description[1:] + "."
    if column.multiple:
        description += " " + _("Valeurs séparées par « %(separator)s » entouré d’espaces.") % {
            "separator": SEPARATOR.strip()
        }
    return description
