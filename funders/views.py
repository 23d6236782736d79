from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from actors.models import Actor, Programme
from funders import services
from funders.exports import portfolio_lines
from funders.forms import (
    ActorForm,
    CallFormSet,
    ManagedProgrammeForm,
    ManagementRequestForm,
    SupportForm,
)
from funders.models import ManagementRequest, SupportLink
from funders.portfolio import initiatives_page_queryset, portfolio

PORTFOLIO_PER_PAGE = 50


def _get_published_actor(slug):
    return get_object_or_404(Actor.objects.published(), slug=slug)


def _get_managed_actor(user, slug):
    """The actor `user` manages; 404 for anyone else, whatever the actor."""
    return get_object_or_404(services.managed_actors(user), slug=slug)


def _get_link_to_decide(user, pk):
    """A pending support link on an initiative `user` holds; 404 otherwise."""
    links = SupportLink.objects.awaiting_holder(user).select_related(
        "initiative", "actor", "programme", "declared_by"
    )
    return get_object_or_404(links, pk=pk)


@login_required
def request_management(request, slug):
    actor = _get_published_actor(slug)
    if services.manages(request.user, actor):
        return redirect("funders:manage", actor.slug)
    pending = ManagementRequest.objects.pending().filter(actor=actor, user=request.user)
    if pending.exists():
        messages.info(request, _("Votre demande pour cet acteur attend déjà la relecture."))
        return redirect("accounts:space")
    if request.method == "POST":
        form = ManagementRequestForm(request.POST)
        if form.is_valid():
            services.management_request_create(actor=actor, user=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("Demande envoyée : vous recevrez un e-mail dès la décision de l’équipe."),
            )
            return redirect("accounts:space")
    else:
        form = ManagementRequestForm()
    return render(request, "funders/request.html", {"actor": actor, "form": form})


@login_required
def manage(request, slug):
    actor = _get_managed_actor(request.user, slug)
    if request.method == "POST":
        form = ActorForm(request.POST)
        if form.is_valid():
            services.actor_update(actor=actor, data=form.cleaned_data)
            messages.success(request, _("La page de l’acteur est à jour."))
            return redirect("funders:manage", actor.slug)
    else:
        form = ActorForm(initial=ActorForm.initial_from(actor))
    return render(request, "funders/manage.html", {"actor": actor, "form": form})


@login_required
def supports(request, slug):
    actor = _get_managed_actor(request.user, slug)
    if request.method == "POST":
        form = SupportForm(request.POST, actor=actor)
        if form.is_valid():
            link = services.support_declare(actor=actor, user=request.user, **form.cleaned_data)
            if link.initiative.holders.exists():
                text = _("Déclaré : les porteurs de « %(name)s » vont le confirmer.")
            else:
                text = _(
                    "Déclaré : l’équipe de modération va le vérifier "
                    "(« %(name)s » n’a pas de porteur inscrit)."
                )
            messages.success(request, text % {"name": link.initiative.name})
            return redirect("funders:supports", actor.slug)
    else:
        form = SupportForm(actor=actor)
    links = actor.support_links.select_related("initiative", "programme").order_by(
        "-created_at", "-pk"
    )
    ctx = {"actor": actor, "form": form, "links": list(links)}
    return render(request, "funders/supports.html", ctx)


@login_required
@require_POST
def withdraw(request, slug, pk):
    actor = _get_managed_actor(request.user, slug)
    link = get_object_or_404(actor.support_links.pending(), pk=pk)
    services.support_withdraw(link=link)
    messages.success(request, _("Déclaration retirée."))
    return redirect("funders:supports", actor.slug)


@login_required
@require_POST
def approve_support(request, pk):
    link = _get_link_to_decide(request.user, pk)
    services.support_approve(link=link, by=request.user)
    messages.success(
        request,
        _("Soutien confirmé : %(actor)s apparaît sur la fiche « %(name)s ».")
        % {"actor": link.actor.name, "name": link.initiative.name},
    )
    return redirect("accounts:space")


@login_required
@require_POST
def refuse_support(request, pk):
    link = _get_link_to_decide(request.user, pk)
    services.support_refuse(link=link, by=request.user)
    messages.success(
        request,
        _("Soutien refusé : %(actor)s n’apparaîtra pas sur la fiche « %(name)s ».")
        % {"actor": link.actor.name, "name": link.initiative.name},
    )
    return redirect("accounts:space")


@require_GET
def portfolio_page(request, slug):
    actor = _get_published_actor(slug)
    paginator = Paginator(initiatives_page_queryset(actor), PORTFOLIO_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    ctx = {
        "actor": actor,
        "portfolio": portfolio(actor),
        "page": page,
        "can_manage": services.manages(request.user, actor),
    }
    return render(request, "funders/portfolio.html", ctx)


@require_GET
def portfolio_csv(request, slug):
    actor = _get_published_actor(slug)
    response = StreamingHttpResponse(portfolio_lines(actor), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="portefeuille-{actor.slug}.csv"'
    return response


@login_required
def programmes(request, slug):
    actor = _get_managed_actor(request.user, slug)
    ctx = {"actor": actor, "programmes": list(actor.programmes.prefetch_related("calls"))}
    return render(request, "funders/programmes.html", ctx)


@login_required
def programme_edit(request, slug, programme_slug=None):
    """Add a programme run by the actor, or edit one it runs (404 for any other)."""
    actor = _get_managed_actor(request.user, slug)
    programme = Programme()
    if programme_slug is not None:
        programme = get_object_or_404(actor.programmes.all(), slug=programme_slug)
    if request.method == "POST":
        form = ManagedProgrammeForm(request.POST, instance=programme)
        calls = CallFormSet(request.POST, instance=programme, prefix="appels")
        if form.is_valid() and calls.is_valid():
            programme = services.programme_save(actor=actor, form=form, calls=calls)
            messages.success(
                request, _("Programme « %(name)s » enregistré.") % {"name": programme.name}
            )
            return redirect("funders:programmes", actor.slug)
    else:
        form = ManagedProgrammeForm(instance=programme)
        calls = CallFormSet(instance=programme, prefix="appels")
    ctx = {"actor": actor, "programme": programme, "form": form, "calls": calls}
    return render(request, "funders/programme_form.html", ctx)
