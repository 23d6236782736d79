"""CSV files as partners write them: `,`, `;` or tab, headers with stray
spaces and accents or case of their own, quoted texts over several lines.

The csv module, not frictionless: its schemas, type inference and a dozen
dependencies would not read these loose headers or group site rows for us."""

import csv
import io

from django.utils.translation import gettext as _

from . import values
from .decoding import decode
from .rows import Problem, UnreadableFile

SEPARATORS = (",", ";", "\t")


class Table:
    """The records of a CSV file, each with the number of its first line.

    Columns are found by `values.key`: "  Nom du projet " is `nomduprojet`."""

    def __init__(self, data, required, label):
        text, encoding_warning = decode(data)
        self.warnings = [Problem(None, encoding_warning)] if encoding_warning else []
        self.errors = []
        # Strict: a quote never closed would otherwise swallow every row after it
        # into one value, silently.
        self._reader = csv.reader(
            io.StringIO(text, newline=""), delimiter=_separator(text), strict=True
        )
        self.header = self._read_header()
        self.columns = {}
        for index, name in enumerate(self.header):
            self.columns.setdefault(values.key(name), index)
        if required not in self.columns:
            raise UnreadableFile(
                _("Colonne « %(label)s » introuvable. Colonnes lues : %(columns)s.")
                % {"label": label, "columns": ", ".join(h.strip() for h in self.header[:12])}
            )

    def _read_header(self):
        try:
            for record in self._reader:
                if any(cell.strip() for cell in record):
                    return record
        except csv.Error as exc:
            raise UnreadableFile(_("En-tête illisible : %(reason)s.") % {"reason": exc}) from None
        raise UnreadableFile(_("Le fichier est vide."))

    def records(self):
        """(line, cells) of every non-empty record; a record that cannot be
        parsed is an error of its line, and reading goes on."""
        width = len(self.header)
        found = False
        while True:
            line = self._reader.line_num + 1
            try:
                record = next(self._reader)
            except StopIteration:
                break
            except csv.Error as exc:
                self.errors.append(
                    Problem(
                        line,
                        _("ligne illisible (%(reason)s) : ligne ignorée") % {"reason": _why(exc)},
                    )
                )
                continue
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > width and any(cell.strip() for cell in record[width:]):
                self.errors.append(
                    Problem(
                        line,
                        _(
                            "%(count)s valeurs pour %(width)s colonnes (un séparateur dans un "
                            "texte sans guillemets ?) : ligne ignorée"
                        )
                        % {"count": len(record), "width": width},
                    )
                )
                continue
            found = True
            yield line, record
        if not found and not self.errors:
            # Read as "no project", it would tell that the partner lists none any more.
            raise UnreadableFile(_("Le fichier ne contient aucune ligne après l’en-tête."))

    def getter(self, *keys):
        """A function giving a record's raw value of the first of `keys` present."""
        for name in keys:
            index = self.columns.get(name)
            if index is not None:
                return lambda record, i=index: record[i] if i < len(record) else None
        return lambda record: None


def _separator(text):
    """The separator most used in the header line (the first non-empty one):
    csv.Sniffer is misled by the commas of long descriptions."""
    for line in text.splitlines():
        if line.strip():
            counts = {sep: line.count(sep) for sep in SEPARATORS}
            best = max(SEPARATORS, key=lambda sep: counts[sep])
            return best if counts[best] else ","
    return ","


def _why(error):
    """csv's reasons, in French."""
    reason = str(error)
    if "field larger than field limit" in reason:
        return _("une valeur trop longue")
    if "unexpected end of data" in reason:
        return _("guillemets jamais refermés : la suite du fichier n’a pas pu être lue")
    return _("guillemets mal placés")
