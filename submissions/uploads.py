"""Images uploaded for submissions that no fiche or pending edit uses.

A form stores its image as soon as it is sent, so that an error elsewhere in
the form does not lose it (submissions.forms). An image replaced or removed is
deleted at once when nothing uses it any more (upload_forget); a person who
leaves a form leaves its file behind, deleted by uploads_purge once the form
could no longer use it (KEPT_IMAGE_MAX_AGE).
"""

import datetime

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from initiatives.models import Initiative
from submissions.models import Revision

UPLOADS = "initiatives"
# An image kept across a form with errors is trusted for this long (seconds).
KEPT_IMAGE_MAX_AGE = 24 * 3600


def images_in_use(names=None):
    """The stored images a fiche or a pending edit names (among `names`)."""
    fiches = Initiative.objects.exclude(image="")
    edits = Revision.objects.filter(status=Revision.Status.PENDING)
    if names is not None:
        fiches = fiches.filter(image__in=names)
        edits = edits.filter(data__image__in=names)
    used = set(fiches.values_list("image", flat=True))
    used |= {name for name in edits.values_list("data__image", flat=True) if name}
    return used


def _delete_unused(name):
    if name not in images_in_use([name]):
        default_storage.delete(name)


def upload_forget(name):
    """Delete a stored image once the current transaction commits, unless a
    fiche or a pending edit still names it then."""
    if name:
        transaction.on_commit(lambda: _delete_unused(name))


def upload_delete_later(name):
    """Delete a stored image once the current transaction commits: one that only
    a pending edit named, replaced or refused."""
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def unused_uploads(now=None):
    """Names of the stored images that no initiative and no edit names, older
    than a form may keep them (KEPT_IMAGE_MAX_AGE)."""
    now = now or timezone.now()
    try:
        _folders, files = default_storage.listdir(UPLOADS)
    except FileNotFoundError:
        return []
    used = images_in_use()
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
