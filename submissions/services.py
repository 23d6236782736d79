"""What a holder does with their fiches: send one for review, propose changes to a
published one. Moderators decide on them in moderation.services."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from outbox.services import email_queue
from submissions.models import Revision
from submissions.uploads import upload_delete_later


def site_url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def tell(users, template, initiative, **context):
    """Email `users` about `initiative` (its holders, a claimant): the decisions of
    moderation and the receipts of submissions."""
    for user in users:
        if user is not None and user.email and user.is_active:
            email_queue(
                to=user.email,
                template=template,
                context={
                    "initiative": initiative.name,
                    "initiative_url": site_url("initiatives:detail", initiative.slug),
                    "space_url": site_url("accounts:space"),
                    **context,
                },
            )


@transaction.atomic
def initiative_submit(*, initiative, holder):
    initiative.submit()
    tell([holder], "submission_received", initiative)


@transaction.atomic
def revision_propose(*, initiative, author, data):
    """Store a holder's edit of a published initiative; its new edits replace it."""
    revision = (
        Revision.objects.select_for_update()
        .filter(initiative=initiative, status=Revision.Status.PENDING)
        .first()
    )
    if revision is None:
        revision = Revision.objects.create(initiative=initiative, author=author, data=data)
        tell([author], "revision_received", initiative)
        return revision
    if revision.data.get("image") not in (data.get("image"), initiative.image.name):
        upload_delete_later(revision.data.get("image"))
    revision.author, revision.data = author, data
    revision.save(update_fields=["author", "data", "updated_at"])
    return revision
