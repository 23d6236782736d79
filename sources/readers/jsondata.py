"""JSON exports: a list of elements, or an object holding it under "data"."""

import json

from django.utils.translation import gettext as _

from .decoding import decode
from .rows import Problem, UnreadableFile

UNIT = "élément"


def elements(data):
    """The elements of a JSON export, numbered from 1; raises UnreadableFile."""
    text, _warning = decode(data)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableFile(
            _("Le fichier n’est pas du JSON valide (ligne %(line)s, colonne %(column)s).")
            % {"line": exc.lineno, "column": exc.colno}
        ) from None
    if isinstance(document, dict) and isinstance(document.get("data"), list):
        document = document["data"]
    if not isinstance(document, list):
        raise UnreadableFile(
            _("Le JSON n’est ni une liste d’éléments ni un objet avec une liste « data ».")
        )
    if not document:
        raise UnreadableFile(_("Le fichier ne contient aucun élément."))
    return list(enumerate(document, start=1))


def problem(number, message):
    return Problem(number, message, unit=UNIT)


def not_an_object(number):
    return problem(number, _("ce n’est pas un objet JSON : élément ignoré"))


def duplicate(number, identifier, first):
    return problem(
        number,
        _("identifiant « %(id)s » déjà lu à l’élément %(first)s : élément ignoré")
        % {"id": identifier, "first": first},
    )
