"""From the bytes of a partner's file to text: UTF-8 with or without BOM,
UTF-16 with a BOM (Excel's "texte Unicode"), or Windows-1252.

Windows-1252, not Latin-1: both decode any byte, but Excel's French exports
write € as 0x80 and œ as 0x9C, which only Windows-1252 reads right (Latin-1
gives control characters). A file whose lines mix UTF-8 and Windows-1252 (one
export pasted into another) is read line by line. charset-normalizer would only
guess among more encodings that partners do not send, and might guess wrong on
a short file: these two cover the exports we receive.
"""

import codecs

from django.utils.translation import gettext as _

from .rows import UnreadableFile

# Signatures of the files most often sent instead of a CSV or JSON export.
_BINARY_SIGNATURES = {
    b"PK\x03\x04": "une archive ZIP ou un tableur (.xlsx, .ods)",
    b"\xd0\xcf\x11\xe0": "un tableur Excel ancien (.xls)",
    b"%PDF": "un PDF",
    b"\x1f\x8b": "une archive gzip",
    b"\x89PNG": "une image PNG",
    b"\xff\xd8\xff": "une image JPEG",
}


def decode(data):
    """(text, warning or None); raises UnreadableFile."""
    if not data or not data.strip():
        raise UnreadableFile(_("Le fichier est vide."))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise UnreadableFile(_("Le fichier annonce de l’UTF-16 mais ne l’est pas.")) from None
    _refuse_binary(data)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return _decode_by_line(data)


def _refuse_binary(data):
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise UnreadableFile(
                _("Le fichier est %(what)s, pas un fichier CSV ou JSON.") % {"what": what}
            )
    head = data[:8192]
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f")
    if b"\x00" in head or controls > len(head) / 100:
        raise UnreadableFile(_("Le fichier est binaire, pas un fichier CSV ou JSON."))


def _decode_by_line(data):
    lines = []
    utf8 = cp1252 = 0
    for number, raw in enumerate(data.splitlines(keepends=True), start=1):
        try:
            lines.append(raw.decode("utf-8"))
            utf8 += not raw.isascii()
        except UnicodeDecodeError:
            try:
                lines.append(raw.decode("cp1252"))
                cp1252 += 1
            except UnicodeDecodeError as exc:
                raise UnreadableFile(
                    _(
                        "Encodage non reconnu : la ligne %(line)s n’est ni en UTF-8 ni en "
                        "Windows-1252 (octet 0x%(byte)02X). Enregistrez le fichier en UTF-8."
                    )
                    % {"line": number, "byte": raw[exc.start]}
                ) from None
    text = "".join(lines).removeprefix("\ufeff")
    warning = None
    if utf8 and cp1252:
        warning = _(
            "Le fichier mêle des lignes en UTF-8 et en Windows-1252 : chacune a été lue "
            "dans son encodage."
        )
    return text, warning
