"""Moderation decisions: each one applied, logged and told by email at once."""

import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Value
from django.utils import timezone

from initiatives.models import Initiative
from moderation.models import Action, Claim, Reason, Report
from outbox.models import Email
from submissions.models import Revision
from submissions.proposals import actors_publish_new, proposal_apply
from submissions.services import site_url, tell
from submissions.uploads import upload_delete_later


def _decision(reason, message):
    return {"reason": Reason(reason).label if reason else "", "message": message}


@transaction.atomic
def initiative_publish(*, initiative, moderator, message=""):
    """Publish an initiative (and the new structures it names); tell its holders."""
    was_pending = initiative.status == Initiative.Status.PENDING
    initiative.publish()
    actors_publish_new(initiative)
    Action.objects.create(
        initiative=initiative, moderator=moderator, kind=Action.Kind.APPROVE, message=message
    )
    if was_pending:
        if initiative.submitted_at and initiative.holders.exists():
            # Written by its holders: verified when they sent it.
            initiative.mark_verified(initiative.submitted_at)
        tell(initiative.holders.all(), "submission_approved", initiative, message=message)


@transaction.atomic
def submission_reject(*, initiative, moderator, reason, message=""):
    initiative.reject()
    Action.objects.create(
        initiative=initiative,
        moderator=moderator,
        kind=Action.Kind.REJECT,
        reason=reason,
        message=message,
    )
    tell(
        initiative.holders.all(),
        "submission_rejected",
        initiative,
        edit_url=site_url("submissions:edit", initiative.slug),
        **_decision(reason, message),
    )


@transaction.atomic
def initiative_archive(*, initiative, moderator, message=""):
    initiative.archive()
    Action.objects.create(
        initiative=initiative, moderator=moderator, kind=Action.Kind.ARCHIVE, message=message
    )


@transaction.atomic
def initiative_restore(*, initiative, moderator, message=""):
    """Back in the directory from the archives, verified by the moderator."""
    initiative.restore()
    Action.objects.create(
        initiative=initiative, moderator=moderator, kind=Action.Kind.RESTORE, message=message
    )


@transaction.atomic
def revision_approve(*, revision, moderator, message=""):
    initiative = revision.initiative
    proposal_apply(initiative, revision.data)  # Deletes the image it replaces.
    actors_publish_new(initiative)
    revision.status = Revision.Status.APPROVED
    revision.save(update_fields=["status", "updated_at"])
    if revision.author_id and initiative.holders.filter(pk=revision.author_id).exists():
        # Its holder went through the fiche: it counts as verified then.
        initiative.mark_verified(revision.created_at)
    Action.objects.create(
        initiative=initiative,
        revision=revision,
        moderator=moderator,
        kind=Action.Kind.APPROVE,
        message=message,
    )
    tell([revision.author], "revision_approved", initiative, message=message)


@transaction.atomic
def revision_reject(*, revision, moderator, reason, message=""):
    initiative = revision.initiative
    if revision.data.get("image") != initiative.image.name:
        upload_delete_later(revision.data.get("image"))
    revision.status = Revision.Status.REJECTED
    revision.save(update_fields=["status", "updated_at"])
    Action.objects.create(
        initiative=initiative,
        revision=revision,
        moderator=moderator,
        kind=Action.Kind.REJECT,
        reason=reason,
        message=message,
    )
    tell([revision.author], "revision_rejected", initiative, **_decision(reason, message))


@transaction.atomic
def claim_create(*, initiative, user, role, message):
    claim = Claim.objects.create(initiative=initiative, user=user, role=role, message=message)
    tell([user], "claim_received", initiative)
    return claim


@transaction.atomic
def claim_approve(*, claim, moderator, message=""):
    claim.initiative.holders.add(claim.user)
    claim.status = Claim.Status.APPROVED
    claim.save(update_fields=["status"])
    Action.objects.create(
        initiative=claim.initiative,
        claim=claim,
        moderator=moderator,
        kind=Action.Kind.APPROVE,
        message=message,
    )
    tell([claim.user], "claim_approved", claim.initiative, message=message)


@transaction.atomic
def claim_reject(*, claim, moderator, reason, message=""):
    claim.status = Claim.Status.REJECTED
    claim.save(update_fields=["status"])
    Action.objects.create(
        initiative=claim.initiative,
        claim=claim,
        moderator=moderator,
        kind=Action.Kind.REJECT,
        reason=reason,
        message=message,
    )
    tell([claim.user], "claim_rejected", claim.initiative, **_decision(reason, message))


@transaction.atomic
def report_create(*, initiative, reason, message, email, reporter, client):
    """Record a report, or return None if `client` already sent REPORTS_PER_HOUR
    in the last hour. Reports from one client are serialised (an advisory lock),
    so the limit holds however many workers answer at once."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [client])
    since = timezone.now() - datetime.timedelta(hours=1)
    if Report.objects.filter(client=client, created_at__gte=since).count() >= (
        settings.REPORTS_PER_HOUR
    ):
        return None
    return Report.objects.create(
        initiative=initiative,
        reason=reason,
        message=message,
        email=email,
        reporter=reporter if reporter and reporter.is_authenticated else None,
        client=client,
    )


@transaction.atomic
def report_close(*, report, moderator, kind, message=""):
    """Mark a report resolved (Action.Kind.RESOLVE) or dismissed (DISMISS)."""
    statuses = {
        Action.Kind.RESOLVE: Report.Status.RESOLVED,
        Action.Kind.DISMISS: Report.Status.DISMISSED,
    }
    report.status = statuses[kind]
    report.save(update_fields=["status"])
    Action.objects.create(
        initiative=report.initiative,
        report=report,
        moderator=moderator,
        kind=kind,
        message=message,
    )


def waiting_counts():
    """{queue: number} of what waits for the moderators, in one query.

    Each count is a one-row aggregate (no GROUP BY on a constant), so an empty
    queue still answers 0.
    """
    queues = [
        ("submissions", Initiative.objects.filter(status=Initiative.Status.PENDING)),
        ("revisions", Revision.objects.filter(status=Revision.Status.PENDING)),
        ("claims", Claim.objects.filter(status=Claim.Status.PENDING)),
        ("reports", Report.objects.filter(status=Report.Status.OPEN)),
        ("emails", Email.objects.failed()),
    ]
    counts = [
        queryset.order_by().annotate(queue=Value(name)).values("queue").annotate(n=Count("pk"))
        for name, queryset in queues
    ]
    rows = counts[0].union(*counts[1:], all=True)
    return {row["queue"]: row["n"] for row in rows}
