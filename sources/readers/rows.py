"""What a reader gives: one normalized row per project, whatever the format.

Value objects only: applying them to the directory (matching, revisions) is the
importer's business, not the readers'.
"""

from dataclasses import dataclass, field


class UnreadableFile(Exception):
    """The whole file cannot be read (binary, unknown encoding, no name column,
    no row): nothing is imported, and the message says why, in French."""


@dataclass(frozen=True)
class Problem:
    """An error (the row is left out) or a warning (the row is kept) about one
    row, or about the file when `line` is None. JSON rows are numbered by
    element ("élément 3"), CSV rows by their first line in the file."""

    line: int | None
    message: str
    unit: str = "ligne"

    def __str__(self):
        if self.line is None:
            return self.message
        return f"{self.unit} {self.line} : {self.message}"


@dataclass
class Site:
    """One place where a project is present; any part may be unknown (None)."""

    address: str | None = None
    postcode: str | None = None
    city: str | None = None
    departement: str | None = None
    # A commune key of the directory ("commune-38563"), when the source knows it.
    commune: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    def is_empty(self):
        return (
            not any((self.address, self.postcode, self.city, self.departement, self.commune))
            and not self.has_point
        )


@dataclass
class SourceRow:
    """One project as a partner lists it. Unknown values are None (or empty
    lists). `tags` are the source's own tags and codes, as it writes them, for
    the source's crosswalk (cis-csv's level-1 and level-2 codes are two
    disjoint sets, so a code says its level: sources/crosswalks/cis.py);
    `themes` and `publics` are slugs of our own taxonomy, given only by formats
    that already speak it (carrefour-*)."""

    lines: list[int]
    identifier: str | None
    name: str | None = None
    carrier: str | None = None
    summary: str | None = None
    description: str | None = None
    innovation: str | None = None
    website: str | None = None
    # The project's page at the source; None when the file has no such page or
    # writes one placeholder for every project.
    page_url: str | None = None
    tags: list[str] = field(default_factory=list)
    content_types: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    publics: list[str] = field(default_factory=list)
    stage: str | None = None
    structure_type: str | None = None
    year_started: int | None = None
    territories: list[str] = field(default_factory=list)
    is_national: bool | None = None
    # Never shown: stored as the initiative's private contact.
    private_email: str | None = None
    image_url: str | None = None
    award_years: list[int] = field(default_factory=list)
    social_links: list[str] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)

    @property
    def line(self):
        return self.lines[0]

    def __repr__(self):
        # A row may be logged or shown in a traceback: never with its email.
        return f"<SourceRow {self.identifier!r} {self.name!r} lines={self.lines}>"


@dataclass(frozen=True)
class Partner:
    """The partner as the file names it (cis-csv writes it on every row)."""

    name: str | None
    website: str | None = None
    logo_url: str | None = None


@dataclass
class ReadResult:
    rows: list[SourceRow]
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    partner: Partner | None = None
