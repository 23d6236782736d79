from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from carrefour.clients import client_network
from initiatives.models import Initiative
from moderation.forms import ClaimForm, ReportForm
from moderation.models import Claim
from moderation.services import claim_create, report_create


def _get_published_initiative(slug):
    return get_object_or_404(Initiative.objects.published(), slug=slug)


def _client(request):
    """A keyed digest of the client's address (or IPv6 /64 network): enough to
    count, nothing to read."""
    return salted_hmac("moderation.report", client_network(request)).hexdigest()


def report(request, slug):
    initiative = _get_published_initiative(slug)
    client = _client(request)
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            # Robots filling the hidden field are thanked and ignored.
            if not form.cleaned_data["website"]:
                created = report_create(
                    initiative=initiative,
                    reason=form.cleaned_data["reason"],
                    message=form.cleaned_data["message"],
                    email=form.cleaned_data["email"],
                    reporter=request.user,
                    client=client,
                )
                if created is None:
                    ctx = {"initiative": initiative}
                    return render(request, "moderation/report_limited.html", ctx, status=429)
            messages.success(request, _("Merci : l’équipe de modération va vérifier cette fiche."))
            return redirect(initiative)
    else:
        form = ReportForm()
    return render(request, "moderation/report.html", {"initiative": initiative, "form": form})


@login_required
def claim(request, slug):
    initiative = _get_published_initiative(slug)
    if initiative.holders.filter(pk=request.user.pk).exists():
        messages.info(request, _("Vous gérez déjà cette fiche."))
        return redirect("accounts:space")
    pending = Claim.objects.filter(
        initiative=initiative, user=request.user, status=Claim.Status.PENDING
    )
    if pending.exists():
        messages.info(request, _("Votre demande pour cette fiche attend déjà la relecture."))
        return redirect("accounts:space")
    if request.method == "POST":
        form = ClaimForm(request.POST)
        if form.is_valid():
            claim_create(initiative=initiative, user=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("Demande envoyée : vous recevrez un e-mail dès la décision de l’équipe."),
            )
            return redirect("accounts:space")
    else:
        form = ClaimForm()
    return render(request, "moderation/claim.html", {"initiative": initiative, "form": form})
