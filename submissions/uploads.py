"""Images uploaded for submissions that no fiche or pending edit uses.

A form stores its image as soon as it is sent, so that an error elsewhere in
the form does not lose it (submissions.forms). A person who then leaves the
form leaves the file behind: once nothing can still use it, it is deleted.
"""

import datetime

from django.core.files.storage import default_storage
from django.utils import timezone

from initiatives.models import Initiative
from moderation.models import Revision
from submissions.forms import KEPT_IMAGE_MAX_AGE

UPLOADS = "initiatives"


def unused_uploads(now=None):
    """Names of the stored images that no initiative and no edit names, older
    than a form may keep them (KEPT_IMAGE_MAX_AGE)."""
    now = now or timezone.now()
    try:
        _folders, files = default_storage.listdir(UPLOADS)
    except FileNotFoundError:
        return []
    used = set(Initiative.objects.exclude(image="").values_list("image", flat=True))
    used |= {
        name
        for name in Revision.objects.values_list("data__image", flat=True)
        if isinstance(name, str) and name
    }
    oldest = now - datetime.timedelta(seconds=KEPT_IMAGE_MAX_AGE)
    return sorted(
        name
        for name in (f"{UPLOADS}/{file}" for file in files)
        if name not in used and default_storage.get_modified_time(name) < oldest
    )


def uploads_purge(now=None):
    """Delete the unused uploads; their number."""
    names = unused_uploads(now)
    for name in names:
        default_storage.delete(name)
    return len(names)
