"""What happens in the funders' space: requests to manage an actor (moderators
decide), support links (the initiative's holders decide, or a moderator when it
has none). Each decision is stored and told by email (the outbox) at once."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify

from actors.models import Actor, Programme
from funders.models import Decision, ManagementRequest, Membership, SupportLink
from initiatives.models import InitiativeActor
from moderation.models import Reason
from outbox.services import email_queue


def _url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def _tell(users, template, **context):
    for user in users:
        if user is not None and user.email and user.is_active:
            email_queue(
                to=user.email,
                template=template,
                context={"space_url": _url("accounts:space"), **context},
            )


def _actor_context(actor):
    return {"actor": actor.name, "actor_url": _url("actors:detail", actor.slug)}


def managed_actors(user):
    """The actors `user` manages, by name."""
    ids = Membership.objects.of_user(user).values("actor_id")
    return Actor.objects.filter(pk__in=ids).order_by("name")


def manages(user, actor):
    return Membership.objects.of_user(user).filter(actor=actor).exists()


ACTOR_FIELDS = ["description", "website", "contact_email", "is_national"]


@transaction.atomic
def actor_update(*, actor, data):
    """A manager's edit of the actor's page (funders.forms.ActorForm): applied at
    once; none of these fields is in the initiatives' search index."""
    for name in ACTOR_FIELDS:
        setattr(actor, name, data[name])
    actor.save(update_fields=[*ACTOR_FIELDS, "updated_at"])
    actor.territories.set(data["territories"])
    actor.themes.set(data["themes"])


@transaction.atomic
def management_request_create(*, actor, user, role, message):
    request = ManagementRequest.objects.create(actor=actor, user=user, role=role, message=message)
    _tell([user], "actor_request_received", **_actor_context(actor))
    return request


@transaction.atomic
def management_request_approve(*, request, moderator, message=""):
    Membership.objects.get_or_create(
        actor=request.actor, user=request.user, defaults={"role": request.role}
    )
    request.decide(status=Decision.APPROVED, by=moderator, message=message)
    _tell(
        [request.user],
        "actor_request_approved",
        manage_url=_url("funders:manage", request.actor.slug),
        message=message,
        **_actor_context(request.actor),
    )


@transaction.atomic
def management_request_reject(*, request, moderator, reason, message=""):
    request.decide(status=Decision.REJECTED, by=moderator, reason=reason, message=message)
    _tell(
        [request.user],
        "actor_request_rejected",
        reason=Reason(reason).label if reason else "",
        message=message,
        **_actor_context(request.actor),
    )


def _link_context(link):
    return {
        **_actor_context(link.actor),
        "initiative": link.initiative.name,
        "initiative_url": _url("initiatives:detail", link.initiative.slug),
        "role": link.get_role_display(),
        "programme": link.programme.name if link.programme_id else "",
        "year": link.year or "",
    }


@transaction.atomic
def support_declare(*, actor, initiative, user, role, programme=None, year=None, message=""):
    """A manager of `actor` says it supports `initiative`: pending until decided.
    The holders are asked by email; without holders, moderators see it in the admin."""
    link = SupportLink.objects.create(
        actor=actor,
        initiative=initiative,
        role=role,
        programme=programme,
        year=year,
        message=message,
        declared_by=user,
    )
    holders = list(initiative.holders.all())
    _tell(holders, "support_declared", message=message, **_link_context(link))
    return link


@transaction.atomic
def support_approve(*, link, by):
    """The link becomes the initiative's InitiativeActor row: its save() refreshes
    the initiative's search index, as every other write of a role does."""
    role, created = InitiativeActor.objects.get_or_create(
        initiative=link.initiative,
        actor=link.actor,
        role=link.role,
        defaults={"programme": link.programme, "year": link.year},
    )
    if not created and (role.programme_id, role.year) != (link.programme_id, link.year):
        role.programme = link.programme or role.programme
        role.year = link.year or role.year
        role.save()
    link.decide(status=SupportLink.Status.APPROVED, by=by)
    _tell([link.declared_by], "support_approved", **_link_context(link))


@transaction.atomic
def support_refuse(*, link, by):
    link.decide(status=SupportLink.Status.REJECTED, by=by)
    _tell([link.declared_by], "support_refused", **_link_context(link))


@transaction.atomic
def support_withdraw(*, link):
    """The manager withdraws a declaration nobody has decided on yet."""
    link.delete()


def _unique_programme_slug(name):
    base = slugify(name)[:190] or "programme"
    taken = set(Programme.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken.add("nouveau")  # The address of the form that adds a programme.
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def programme_save(*, actor, form, calls):
    """Save a manager's programme (`form`, a ManagedProgrammeForm) and its calls
    (`calls`, a CallFormSet), both valid; a new one is run by `actor`, at an
    address made from its name."""
    programme = form.save(commit=False)
    adding = programme._state.adding
    if adding:
        programme.slug = _unique_programme_slug(programme.name)
    programme.save()
    form.save_m2m()
    if adding:
        programme.actors.add(actor)
    calls.instance = programme
    calls.save()
    return programme
