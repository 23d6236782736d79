"""The yearly "Toujours d’actualité ?" round and the answers to its links."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from freshness import links, schedule
from freshness.models import Reminder
from initiatives.models import Initiative
from moderation.models import Action, Report
from outbox.services import email_queue

log = logging.getLogger(__name__)

# The "client" of the reports answers create: no address, they come from an email.
REMINDER_CLIENT = "rappel-annuel"


def recipients(initiative):
    """([addresses], to_holders): the active holders' account emails, else the
    fiche's private contact email, else nobody."""
    holders = sorted({u.email for u in initiative.holders.all() if u.email and u.is_active})
    if holders:
        return holders, True
    return ([initiative.contact_email] if initiative.contact_email else []), False


@dataclass
class Move:
    """One step of the schedule for one fiche, done or (dry run) to do."""

    step: str
    initiative: Initiative
    recipients: int = 0
    to_holders: bool = False
    done: bool = False

    def describe(self):
        """A line for the command's output: names and counts, never an address."""
        name = f"{self.initiative.name} ({self.initiative.slug})"
        if self.step == schedule.ARCHIVE:
            return _("Archivée : %(name)s") % {"name": name}
        if self.step == schedule.TO_VERIFY:
            return _("À vérifier : %(name)s") % {"name": name}
        if not self.recipients:
            return _("À vérifier (aucun destinataire) : %(name)s") % {"name": name}
        return _("E-mail n° %(number)s à %(count)s %(whom)s : %(name)s") % {
            "number": self.initiative.reminders_sent + (0 if self.done else 1),
            "count": self.recipients,
            "whom": _("porteur(s)") if self.to_holders else _("contact privé"),
            "name": name,
        }


def _holders_prefetch():
    users = get_user_model().objects.only("email", "is_active")
    return Prefetch("holders", queryset=users)


def reminders_send(*, now=None, dry_run=False):
    """Take the sources' update dates, then move every fiche due a step of the
    schedule (freshness.schedule) at `now`. Returns the moves, in order.

    Each fiche is moved in its own transaction, locked and checked due again:
    two runs at once (two crons) never send the same email twice.
    """
    now = now or timezone.now()
    if not dry_run:
        Initiative.objects.published().take_freshness_from_sources(now)
    moves = []
    for step in schedule.STEPS:
        due = schedule.due(step, now).prefetch_related(_holders_prefetch()).order_by("pk")
        for initiative in due:
            if dry_run:
                addresses, to_holders = recipients(initiative)
                moves.append(Move(step, initiative, len(addresses), to_holders))
                continue
            move = _move(step, initiative.pk, now)
            if move is not None:
                moves.append(move)
    return moves


@transaction.atomic
def _move(step, pk, now):
    locked = schedule.due(step, now).select_for_update(skip_locked=True, of=("self",))
    initiative = locked.filter(pk=pk).first()
    if initiative is None:
        return None  # moved meanwhile by another run
    if step == schedule.ARCHIVE:
        initiative.archive(now)
        Action.objects.create(
            initiative=initiative,
            kind=Action.Kind.ARCHIVE,
            message=_("Archivée automatiquement : sans réponse à ses rappels."),
            created_at=now,
        )
        return Move(step, initiative, done=True)
    if step == schedule.TO_VERIFY:
        _to_verify(initiative, now)
        return Move(step, initiative, done=True)
    addresses, to_holders = recipients(initiative)
    if not addresses:
        # Nobody to ask: the moderators check it themselves.
        _to_verify(initiative, now)
        return Move(step, initiative, done=True)
    reminder = Reminder.objects.create(
        initiative=initiative,
        number=initiative.reminders_sent + 1,
        sent_at=now,
        recipients=len(addresses),
        to_holders=to_holders,
    )
    context = _email_context(reminder, to_holders)
    for address in addresses:
        email_queue(to=address, template="freshness_reminder", context=context)
    initiative.reminders_sent = reminder.number
    initiative.reminded_at = now
    initiative.save(update_fields=["reminders_sent", "reminded_at"])
    return Move(step, initiative, len(addresses), to_holders, done=True)


def _to_verify(initiative, now):
    initiative.to_verify_since = now
    initiative.save(update_fields=["to_verify_since"])


def _email_context(reminder, to_holders):
    initiative = reminder.initiative
    return {
        "initiative": initiative.name,
        "initiative_url": settings.SITE_URL + initiative.get_absolute_url(),
        "number": reminder.number,
        "last": reminder.number >= schedule.EMAILS,
        "to_holders": to_holders,
        "confirm_url": links.reminder_url(reminder, links.CONFIRM),
        "update_url": links.reminder_url(reminder, links.UPDATE),
        "stopped_url": links.reminder_url(reminder, links.STOPPED),
        "expires_at": links.expires_at(reminder),
    }


# What an answer did: shown on the page that follows it.
CONFIRMED, STOPPED, ALREADY, NOT_PUBLISHED = "confirmed", "stopped", "already", "not-published"


@transaction.atomic
def reminder_confirm(*, reminder, now=None):
    """The fiche is still current: verified now. A second click changes nothing."""
    now = now or timezone.now()
    reminder = Reminder.objects.select_for_update().select_related("initiative").get(pk=reminder.pk)
    if reminder.answer:
        return ALREADY, reminder
    initiative = reminder.initiative
    if not initiative.is_published:
        return NOT_PUBLISHED, reminder
    initiative.mark_verified(now)
    reminder.answer, reminder.answered_at = Reminder.Answer.CONFIRMED, now
    reminder.save(update_fields=["answer", "answered_at"])
    return CONFIRMED, reminder


@transaction.atomic
def reminder_stopped(*, reminder, now=None):
    """The initiative has stopped: a report for the moderators (who archive it or
    not), once, however many links are followed; the fiche waits "à vérifier"
    and gets no more reminders. Nothing is deleted."""
    now = now or timezone.now()
    reminder = Reminder.objects.select_for_update().select_related("initiative").get(pk=reminder.pk)
    initiative = Initiative.objects.select_for_update().get(pk=reminder.initiative_id)
    if reminder.answer:
        return ALREADY, reminder
    if not initiative.is_published:
        return NOT_PUBLISHED, reminder
    report = Report.objects.filter(
        initiative=initiative,
        client=REMINDER_CLIENT,
        reason=Report.Reason.CLOSED,
        status=Report.Status.OPEN,
    ).first()
    outcome = ALREADY if report else STOPPED
    if report is None:
        report = Report.objects.create(
            initiative=initiative,
            reason=Report.Reason.CLOSED,
            message=_(
                "Réponse au rappel « Toujours d’actualité ? » n° %(number)s : "
                "l’initiative s’est arrêtée."
            )
            % {"number": reminder.number},
            client=REMINDER_CLIENT,
            created_at=now,
        )
    if initiative.to_verify_since is None:
        initiative.to_verify_since = now
        initiative.save(update_fields=["to_verify_since"])
    reminder.answer, reminder.answered_at, reminder.report = Reminder.Answer.STOPPED, now, report
    reminder.save(update_fields=["answer", "answered_at", "report"])
    return outcome, reminder


def update_url(reminder):
    """Where "mettre à jour" leads: the holders' edit form (login needed), or, for
    a private contact without an account on the fiche, the request to manage it."""
    slug = reminder.initiative.slug
    if reminder.to_holders:
        return reverse("submissions:edit", args=[slug])
    return reverse("moderation:claim", args=[slug])


@transaction.atomic
def initiative_verify(*, initiative, moderator, now=None):
    """A moderator checked the fiche: verified now, out of the queue."""
    now = now or timezone.now()
    initiative.mark_verified(now)
    Action.objects.create(
        initiative=initiative,
        moderator=moderator,
        kind=Action.Kind.VERIFY,
        created_at=now,
    )
