"""Form settings shared by the admin and the public forms."""

from django.db import models

# A web address typed without its scheme ("wimoov.org") is taken as https, as
# Django 6 will do by default, in the admin and the public forms alike.
ASSUMED_SCHEME = "https"
HTTPS_URLS = {models.URLField: {"assume_scheme": ASSUMED_SCHEME}}
