"""Reading partners' exports into normalized rows (rows.SourceRow), whatever
their format; nothing here touches the database.

    result = read(data, "cis-csv")  # raises UnreadableFile
    result.rows, result.errors, result.warnings
"""

from django.utils.translation import gettext as _

from . import carrefour, cis, gogocarto
from .rows import Partner, Problem, ReadResult, Site, SourceRow, UnreadableFile

READERS = {
    "cis-csv": cis.read,
    "gogocarto-json": gogocarto.read,
    "carrefour-csv": carrefour.read_csv,
    "carrefour-json": carrefour.read_json,
}
FORMATS = tuple(READERS)

__all__ = [
    "FORMATS",
    "Partner",
    "Problem",
    "ReadResult",
    "Site",
    "SourceRow",
    "UnreadableFile",
    "read",
]


def read(data, format):
    """The rows of a partner's file (bytes) in one of FORMATS. Bad rows are
    errors or warnings of the result; a file that cannot be read at all raises
    UnreadableFile, with a French message saying why."""
    try:
        reader = READERS[format]
    except KeyError:
        raise ValueError(
            _("Format « %(format)s » inconnu (formats : %(formats)s).")
            % {"format": format, "formats": ", ".join(FORMATS)}
        ) from None
    return reader(data)
