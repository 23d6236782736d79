"""Reading one value of a partner's file: what counts as unknown, postcodes,
coordinates, web addresses, emails, years. Each function returns the clean
value or None, and a French reason when the value was there but wrong."""

import re
import unicodedata
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

# Written by partners' tools for "nothing here"; compared without case or spaces.
UNKNOWN_VALUES = frozenset({"", "null", "nr", "n/r", "default", "none", "nan", "n/a", "-"})

_SPACES = re.compile(r"\s+")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_URL_IN_TEXT = re.compile(r"https?://[^\s,;|]+", re.IGNORECASE)
_validate_url = URLValidator(schemes=["http", "https"])
_validate_email = EmailValidator()


def text(value):
    """The value with its stray spaces removed, or None when it means unknown."""
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value)
    value = value.strip()
    if value.casefold() in UNKNOWN_VALUES:
        return None
    return value


def key(header):
    """A column name reduced to its letters and digits, without accents or case:
    " Département_code" and "departement code" are the same column."""
    decomposed = unicodedata.normalize("NFKD", header.casefold())
    return "".join(c for c in decomposed if c.isalnum() and c.isascii())


def shown(value):
    """A wrong value as a message may repeat it: an email address typed in the
    wrong column is not repeated (messages are shown to moderators, logged)."""
    return "…" if "@" in value else value


def one_line(value):
    value = text(value)
    return _SPACES.sub(" ", value) if value else None


def postcode(value):
    """A French postcode, or (None, reason). A spreadsheet drops the leading
    zero of Ain's or Aisne's postcodes: "1000" is 01000."""
    value = text(value)
    if value is None:
        return None, None
    digits = value.replace(" ", "")
    if digits.endswith(".0"):  # written as a number by a spreadsheet
        digits = digits[:-2]
    if re.fullmatch(r"\d{4}", digits):
        digits = "0" + digits
    if not re.fullmatch(r"\d{5}", digits):
        return None, _("code postal « %(value)s » invalide, ignoré") % {"value": shown(value)}
    return digits, None


def departement(value):
    value = text(value)
    if value is None:
        return None
    value = value.upper().replace(" ", "")
    if value.endswith(".0"):
        value = value[:-2]
    return value.zfill(2) if value.isdigit() and len(value) < 2 else value


def departement_of_postcode(code):
    """The département a postcode belongs to, roughly: Corsica (20) and the
    overseas départements (97x) aside, its first two digits."""
    if code.startswith("97"):
        return code[:3]
    if code.startswith("20"):
        return "2A" if code < "20200" else "2B"
    return code[:2]


def postcode_contradicts(code, dep):
    if not code or not dep:
        return False
    expected = departement_of_postcode(code)
    if dep in {"2A", "2B", "20"} and expected in {"2A", "2B"}:
        return False
    return expected != dep


def coordinate(value, limit):
    """A latitude (limit 90) or longitude (180), "45,18" as well as "45.18"."""
    value = text(value)
    if value is None:
        return None, False
    try:
        number = float(value.replace(",", ".").replace(" ", ""))
    except ValueError:
        return None, True
    if not -limit <= number <= limit or number != number:
        return None, True
    return number, False


def point(lat_value, lon_value):
    """(latitude, longitude, reason): both or neither; (0, 0) means unknown."""
    lat, lat_bad = coordinate(lat_value, 90)
    lon, lon_bad = coordinate(lon_value, 180)
    if lat_bad or lon_bad:
        return (
            None,
            None,
            _("coordonnées « %(lat)s, %(lon)s » invalides, ignorées")
            % {
                "lat": shown(text(lat_value) or ""),
                "lon": shown(text(lon_value) or ""),
            },
        )
    if lat is None or lon is None or (lat == 0 and lon == 0):
        return None, None, None
    return lat, lon, None


def url(value):
    """A web address (http or https), "www.x.fr" read as https, or (None, reason)."""
    value = text(value)
    if value is None:
        return None, None
    value = value.replace(" ", "")
    if "://" not in value:
        value = "https://" + value
    try:
        _validate_url(value)
        # "https://contact@asso.example" is valid, and would show an email.
        if urlsplit(value).username is not None:
            raise ValidationError("userinfo")
    except ValidationError:
        return None, _("adresse web « %(value)s » invalide, ignorée") % {"value": shown(value)}
    return value, None


def email(value):
    """A private email address, or (None, reason). The reason never repeats
    the address: warnings are shown to moderators and may be logged."""
    value = text(value)
    if value is None:
        return None, None
    value = value.strip("<>").replace(" ", "").lower()
    if value.startswith("mailto:"):
        value = value[len("mailto:") :]
    try:
        _validate_email(value)
    except ValidationError:
        return None, _("adresse email invalide, ignorée")
    return value, None


def years(value):
    """The years named in a value ("2018", "Lauréat 2017, 2019")."""
    value = text(value)
    if value is None:
        return []
    if value.endswith(".0"):
        value = value[:-2]
    return sorted({int(y) for y in _YEAR.findall(value)})


def urls_in(value):
    """Every web address in a value holding one or several."""
    value = text(value)
    if value is None:
        return []
    found = _URL_IN_TEXT.findall(value) or [value]
    return [link for link in (url(item)[0] for item in found) if link]


def split(value, separators=",;|"):
    value = text(value)
    if value is None:
        return []
    parts = re.split("[" + re.escape(separators) + "]", value)
    return [part for part in (text(p) for p in parts) if part]
