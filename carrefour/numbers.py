"""Numbers as French typography writes them."""


def thousands(number):
    """12345 → "12 345" (narrow no-break space); anything but a number unchanged."""
    try:
        return f"{int(number):,}".replace(",", "\u202f")
    except (TypeError, ValueError):
        return number
