"""Numbers as each language of the interface writes them."""

from django.utils import formats
from django.utils.translation import get_language

# French typography groups thousands with a narrow no-break space.
THOUSAND_SEPARATORS = {"fr": "\u202f"}


def thousands(number):
    """12345 → "12 345" in French (narrow no-break space), "12,345" in English;
    anything but a number unchanged."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return number
    separator = THOUSAND_SEPARATORS.get(get_language()) or formats.get_format("THOUSAND_SEPARATOR")
    return f"{number:,}".replace(",", separator)
