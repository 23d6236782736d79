"""Form settings shared by the admin and the public forms."""

from django.db import models

# A web address typed without its scheme ("wimoov.org") is taken as https, as
# Django 6 will do by default, in the admin and the public forms alike.
ASSUMED_SCHEME = "https"
HTTPS_URLS = {models.URLField: {"assume_scheme": ASSUMED_SCHEME}}


def normalise_text(value):
    """Text as stored and compared: LF line endings (browsers send CRLF), no
    spaces at the end of a line, no blank lines around it."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")
