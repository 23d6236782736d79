"""What an import of a source will do, computed without writing anything:
import_plan() reads the directory in a few queries, whatever the number of rows.

Each project of the file is created, updated (with the fields that change),
left unchanged, linked to an existing fiche (a likely duplicate), or rejected;
the projects the source listed before and no longer lists are named.

What the import wrote or proposed last is kept on the listing
(SourceListing.imported_values). A fiche "edited on the site" is one that has
holders, or whose values now differ from that snapshot (a holder or a moderator
changed it since, or the import never wrote it: a linked duplicate). There, the
import's changes become a pending revision instead of being written.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Count
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from initiatives.models import Initiative, Site
from sources.crosswalk import Crosswalk, normalize_tag
from sources.crosswalks import default_crosswalk
from sources.readers import Problem
from themes.models import Public, Theme

from .duplicates import duplicates_find
from .places import places_locate

# The fiche's fields an import writes (and compares), in the order a summary names them.
SCALAR_FIELDS = [
    "name",
    "summary",
    "description",
    "innovation",
    "website",
    "contact_email",
    "stage",
    "structure_type",
    "year_started",
    "is_national",
]
# The carrying structure is compared by its name ("" for none): the import
# names it as the partner does, and finds or creates the actor when it writes.
RELATED_FIELDS = ["carrier", "themes", "publics", "sites"]
FIELDS = SCALAR_FIELDS + RELATED_FIELDS


@dataclass
class Entry:
    """One project of the file and what the import does with it. `values` are
    those of FIELDS it writes; `changes` the fields that differ from what the
    import wrote last; `as_revision`: a pending revision rather than a write."""

    row: object
    values: dict
    places: list
    page_url: str
    listing: object = None
    initiative: object = None
    changes: list = field(default_factory=list)
    as_revision: bool = False
    relisted: bool = False

    @property
    def changed_labels(self):
        """The fields that change, as the fiche's form names them."""
        return [
            str(Site._meta.verbose_name_plural)
            if name == "sites"
            else str(Initiative._meta.get_field(name).verbose_name)
            for name in self.changes
        ]


@dataclass
class ImportPlan:
    source: object
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    linked: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    no_longer_listed: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    tag_counts: dict = field(default_factory=dict)
    rows_count: int = 0
    # How the file's rows are numbered, as the readers number them.
    unit: str = "ligne"

    def problem(self, line, message):
        return Problem(line, message, self.unit)

    @property
    def revisions(self):
        return [entry for entry in self.updated if entry.as_revision]

    @property
    def changes_anything(self):
        return bool(self.created or self.updated or self.linked or self.no_longer_listed)

    def summary(self):
        """One line, in French: "3 créées, 1 mise à jour, …"."""
        return _(
            "%(created)s créées, %(updated)s mises à jour (dont %(revisions)s proposées en "
            "modération), %(unchanged)s inchangées, %(linked)s rattachées à une fiche "
            "existante, %(rejected)s refusées, %(gone)s plus listées par la source, "
            "%(warnings)s alertes."
        ) % {
            "created": len(self.created),
            "updated": len(self.updated),
            "revisions": len(self.revisions),
            "unchanged": len(self.unchanged),
            "linked": len(self.linked),
            "rejected": len(self.rejected),
            "gone": len(self.no_longer_listed),
            "warnings": len(self.warnings),
        }


class _DefaultTag:
    """A tag of a format's default crosswalk, as Crosswalk reads a SourceTag."""

    def __init__(self, code, themes, publics):
        self.code, self.is_ignored = code, False
        self.themes, self.publics = _Related(themes), _Related(publics)


class _Related(list):
    def all(self):
        return self


def source_crosswalk(source):
    """The source's crosswalk; a cis-csv source without one yet reads the default
    (import_apply() then seeds it into the source's tags)."""
    if source.pk is not None and source.tags.exists():
        return source.crosswalk()
    defaults = default_crosswalk(source.format)
    themes = Theme.objects.in_bulk(
        {slug for target in defaults.values() for slug in target.themes}, field_name="slug"
    )
    publics = Public.objects.in_bulk(
        {slug for target in defaults.values() for slug in target.publics}, field_name="slug"
    )
    return Crosswalk(
        _DefaultTag(
            code,
            [themes[slug] for slug in target.themes if slug in themes],
            [publics[slug] for slug in target.publics if slug in publics],
        )
        for code, target in defaults.items()
    )


def import_plan(source, read_result):
    """The ImportPlan of `read_result` (sources.readers.read) for `source`,
    which may be unsaved (a dry run of a new source)."""
    plan = ImportPlan(
        source=source,
        rows_count=len(read_result.rows),
        unit="élément" if source.format.endswith("-json") else "ligne",
    )
    plan.rejected = list(read_result.errors)
    plan.warnings = list(read_result.warnings)
    rows = _accepted_rows(read_result.rows, plan)
    crosswalk = source_crosswalk(source)
    taxonomy = _taxonomy_by_slug(rows)
    places, place_warnings = places_locate(rows)
    plan.warnings += [plan.problem(line, message) for line, message in place_warnings]
    listings = _listings(source)
    entries = []
    for index, row in enumerate(rows):
        mapping = crosswalk.apply(row.tags)
        for tag in {normalize_tag(tag, keep_case=True) for tag in row.tags} - {""}:
            plan.tag_counts[tag] = plan.tag_counts.get(tag, 0) + 1
        row_places = [places[(index, s)] for s in range(len(row.sites or []))]
        values = _values(row, mapping, taxonomy, row_places, plan)
        entry = Entry(row, values, row_places, row.page_url or "")
        entry.listing = listings.get(row.identifier)
        entries.append(entry)
    _sort_known(entries, plan)
    _sort_new([entry for entry in entries if entry.listing is None], source, plan)
    seen = {entry.row.identifier for entry in entries}
    plan.no_longer_listed = [
        listing
        for identifier, listing in listings.items()
        if listing.still_listed and identifier not in seen
    ]
    return plan


def _accepted_rows(rows, plan):
    accepted, lines = [], {}
    for row in rows:
        if not row.identifier:
            plan.rejected.append(plan.problem(row.line, _("sans identifiant à la source.")))
        elif len(row.identifier) > 200:
            # Cut short, it would not find its fiche again at the next import.
            plan.rejected.append(
                plan.problem(row.line, _("identifiant de plus de 200 caractères."))
            )
        elif not row.name:
            plan.rejected.append(plan.problem(row.line, _("sans nom de projet.")))
        elif row.identifier in lines:
            plan.rejected.append(
                plan.problem(
                    row.line,
                    _("identifiant « %(id)s » déjà lu ligne %(line)s.")
                    % {"id": row.identifier, "line": lines[row.identifier]},
                )
            )
        else:
            lines[row.identifier] = row.line
            # A site of nothing (no address, place nor point) is no site.
            row.sites = [site for site in row.sites if not site.is_empty()]
            accepted.append(row)
    return accepted


def _taxonomy_by_slug(rows):
    """Themes and publics of the formats that already speak our taxonomy."""
    theme_slugs = {slug for row in rows for slug in row.themes}
    public_slugs = {slug for row in rows for slug in row.publics}
    return (
        Theme.objects.in_bulk(theme_slugs, field_name="slug") if theme_slugs else {},
        Public.objects.in_bulk(public_slugs, field_name="slug") if public_slugs else {},
    )


def _listings(source):
    if source.pk is None:
        return {}
    return {listing.identifier: listing for listing in source.listings.all()}


def _values(row, mapping, taxonomy, places, plan):
    themes, publics = taxonomy
    email = (row.private_email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            # The address itself is private: the warning does not repeat it.
            plan.warnings.append(plan.problem(row.line, _("email invalide : non gardé.")))
            email = ""
    summary = row.summary or Truncator(" ".join((row.description or "").split())).chars(400)
    theme_ids = {theme.pk for theme in mapping.themes}
    theme_ids |= {themes[slug].pk for slug in row.themes if slug in themes}
    public_ids = {public.pk for public in mapping.publics}
    public_ids |= {publics[slug].pk for slug in row.publics if slug in publics}
    return {
        "name": row.name[:200],
        "summary": summary[:400],
        "description": row.description or "",
        "innovation": row.innovation or "",
        "website": (row.website or "")[:200],
        "contact_email": email[:254],
        "stage": row.stage if row.stage in Initiative.Stage.values else None,
        "structure_type": (
            row.structure_type if row.structure_type in Initiative.Structure.values else ""
        ),
        "year_started": row.year_started,
        "is_national": bool(row.is_national),
        "carrier": carrier_name(row.carrier),
        "themes": sorted(theme_ids),
        "publics": sorted(public_ids),
        "sites": [place.as_value() for place in places],
    }


def carrier_name(text):
    """A carrying structure's name as it is compared and stored: one line, at
    most the length of an actor's name."""
    return " ".join((text or "").split())[:200]


def initiative_values(initiative):
    """The fiche's values of FIELDS, as import values are written (its carrier
    selected, its themes, publics and sites prefetched)."""
    values = {name: getattr(initiative, name) for name in SCALAR_FIELDS}
    values["carrier"] = initiative.carrier.name if initiative.carrier else ""
    values["themes"] = sorted(theme.pk for theme in initiative.themes.all())
    values["publics"] = sorted(public.pk for public in initiative.publics.all())
    values["sites"] = [
        [
            site.address,
            site.commune_id,
            *(
                [round(site.point.x, 6), round(site.point.y, 6)]
                if site.point is not None
                else [None, None]
            ),
        ]
        for site in initiative.sites.all()
    ]
    return values


def _comparable(values, current=None):
    """A stage the row does not give is whatever the fiche has, and so is a
    field a listing's older snapshot did not record yet (the carrier)."""
    values = dict(values)
    if current is not None:
        if values.get("stage") is None:
            values["stage"] = current.get("stage")
        for name in FIELDS:
            values.setdefault(name, current.get(name))
    return values


def _sort_known(entries, plan):
    known = [entry for entry in entries if entry.listing is not None]
    initiatives = (
        Initiative.objects.filter(pk__in={entry.listing.initiative_id for entry in known})
        .annotate(holders_count=Count("holders"))
        .select_related("carrier")
        .prefetch_related("themes", "publics", "sites")
        .in_bulk()
    )
    for entry in known:
        listing = entry.listing
        entry.initiative = initiatives[listing.initiative_id]
        current = initiative_values(entry.initiative)
        last = listing.imported_values or {}
        wanted = _comparable(entry.values, current)
        entry.changes = [
            name for name in FIELDS if wanted.get(name) != _comparable(last, current).get(name)
        ]
        entry.relisted = not listing.still_listed
        page_changed = entry.page_url != listing.page_url
        if not (entry.changes or entry.relisted or page_changed):
            plan.unchanged.append(entry)
            continue
        edited = bool(entry.initiative.holders_count) or any(
            current.get(name) != _comparable(last, current).get(name) for name in FIELDS
        )
        entry.as_revision = bool(entry.changes) and edited
        plan.updated.append(entry)


def _sort_new(entries, source, plan):
    excluded = set()
    if source.pk is not None:
        excluded = set(source.listings.values_list("initiative_id", flat=True))
    candidates = [
        (
            index,
            entry.values["name"],
            entry.values["website"],
            [
                (place.longitude, place.latitude)
                for place in entry.places
                if place.longitude is not None
            ],
        )
        for index, entry in enumerate(entries)
    ]
    duplicates = duplicates_find(candidates, excluded)
    for index, entry in enumerate(entries):
        if index in duplicates:
            entry.initiative = duplicates[index]
            plan.linked.append(entry)
        else:
            plan.created.append(entry)
