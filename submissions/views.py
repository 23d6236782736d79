from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.models import Initiative
from submissions.forms import REQUIRED_TO_SUBMIT, InitiativeForm, Proposal
from submissions.limits import draft_allowed, submission_allowed
from submissions.models import Revision
from submissions.proposals import proposal_apply, proposal_from_initiative, proposal_initial
from submissions.services import initiative_submit, revision_propose

EDITABLE = [
    Initiative.Status.DRAFT,
    Initiative.Status.PENDING,
    Initiative.Status.REJECTED,
    Initiative.Status.PUBLISHED,
]
# Drafts, submissions and rejected fiches: what their holders may still delete.
UNPUBLISHED = [Initiative.Status.DRAFT, Initiative.Status.PENDING, Initiative.Status.REJECTED]


def _get_held_initiative(user, slug, statuses=EDITABLE):
    """The initiative `user` holds, in one of `statuses`; 404 for anyone else."""
    queryset = Initiative.objects.held_by(user).filter(status__in=statuses)
    return get_object_or_404(queryset.select_related("commune", "carrier"), slug=slug)


def _pending_revision(initiative):
    return initiative.revisions.filter(status=Revision.Status.PENDING).first()


def _submitting(request):
    return request.POST.get("action") == "submit"


@login_required
def propose(request):
    too_many = False
    if request.method == "POST":
        proposal = Proposal(request.POST, request.FILES, submitting=_submitting(request))
        if proposal.is_valid():
            if draft_allowed(request):
                with transaction.atomic():
                    initiative = proposal_apply(
                        Initiative(status=Initiative.Status.DRAFT), proposal.data()
                    )
                    initiative.holders.add(request.user)
                return _after_save(request, initiative)
            # Shown again as typed; an uploaded image is kept for the next try.
            too_many = True
    else:
        proposal = Proposal(initial={"contact_email": request.user.email})
    ctx = {"proposal": proposal, "too_many": too_many}
    return render(request, "submissions/form.html", ctx, status=429 if too_many else 200)


@login_required
def edit(request, slug):
    initiative = _get_held_initiative(request.user, slug)
    revision = _pending_revision(initiative) if initiative.is_published else None
    data = revision.data if revision else proposal_from_initiative(initiative)
    initial = proposal_initial(data)
    if request.method == "POST":
        proposal = Proposal(
            request.POST,
            request.FILES,
            initial=initial,
            submitting=_submitting(request) or initiative.is_published,
        )
        if proposal.is_valid():
            if initiative.is_published:
                revision_propose(initiative=initiative, author=request.user, data=proposal.data())
                messages.success(
                    request,
                    _(
                        "Modification envoyée en relecture. La fiche publiée reste en ligne "
                        "telle quelle jusqu’à la décision de l’équipe de modération."
                    ),
                )
                return redirect("accounts:space")
            with transaction.atomic():
                proposal_apply(initiative, proposal.data())
                if initiative.status != Initiative.Status.DRAFT:
                    initiative.return_to_draft()
            return _after_save(request, initiative)
    else:
        proposal = Proposal(initial=initial)
    ctx = {"proposal": proposal, "initiative": initiative, "revision": revision}
    return render(request, "submissions/form.html", ctx)


def _after_save(request, initiative):
    if _submitting(request):
        return redirect("submissions:submit", initiative.slug)
    messages.success(
        request,
        _("Brouillon enregistré. Il n’est visible que par vous, jusqu’à son envoi en relecture."),
    )
    return redirect("submissions:edit", initiative.slug)


def missing_fields(initiative):
    """Labels of the fields a fiche still lacks before review."""
    form = InitiativeForm(data=None, initial=proposal_initial(proposal_from_initiative(initiative)))
    return [form.fields[name].label for name in REQUIRED_TO_SUBMIT if not form.initial.get(name)]


@login_required
def submit(request, slug):
    initiative = _get_held_initiative(request.user, slug, statuses=[Initiative.Status.DRAFT])
    missing = missing_fields(initiative)
    if missing:
        messages.error(
            request,
            _("Complétez la fiche avant de l’envoyer : %(fields)s.")
            % {"fields": ", ".join(str(label) for label in missing)},
        )
        return redirect("submissions:edit", initiative.slug)
    too_many = False
    if request.method == "POST":
        if submission_allowed(request):
            initiative_submit(initiative=initiative, holder=request.user)
            messages.success(
                request,
                _("Fiche envoyée en relecture : vous recevrez un e-mail dès la décision."),
            )
            return redirect("accounts:space")
        too_many = True
    duplicates = (
        Initiative.objects.published()
        .similar_to(initiative.name, initiative.point, initiative.website)
        .exclude(pk=initiative.pk)
        .select_related("commune")
        .order_by("name")[:10]
    )
    ctx = {"initiative": initiative, "duplicates": list(duplicates), "too_many": too_many}
    return render(request, "submissions/submit.html", ctx, status=429 if too_many else 200)


@login_required
@require_POST
def delete(request, slug):
    initiative = _get_held_initiative(request.user, slug, statuses=UNPUBLISHED)
    image = initiative.image.name
    with transaction.atomic():
        initiative.delete()
        if image:
            transaction.on_commit(lambda: default_storage.delete(image))
    messages.success(request, _("« %(name)s » est supprimée.") % {"name": initiative.name})
    return redirect("accounts:space")
