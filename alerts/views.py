from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from alerts.forms import FrequencyForm, SubscribeForm
from alerts.limits import confirmation_allowed, subscription_allowed
from alerts.models import Alert
from alerts.searches import alert_filter, describe, normalised_query
from alerts.services import (
    TooManyAlerts,
    alert_confirm,
    alert_delete,
    alert_of_confirmation,
    alert_subscribe,
)
from alerts.tokens import LinkExpired, LinkInvalid
from carrefour.clients import client_network


def _get_alert_by_key(token):
    alert = Alert.objects.filter(key=token).first()
    if alert is None:
        raise Http404(_("Cette alerte n’existe plus."))
    return alert


def _get_user_alert(user, pk):
    alert = Alert.objects.of_user(user).filter(pk=pk).first()
    if alert is None:
        raise Http404(_("Alerte inconnue."))
    return alert


def _is_own_address(user, email):
    return user.is_authenticated and user.is_active and user.email.lower() == email


@never_cache
def subscribe(request):
    """The form that follows a search: its parameters are those of the list
    (/alertes/nouvelle/?thematique=mobilite&territoire=…), kept in the form's
    action on POST."""
    params = request.GET
    filterset = alert_filter(params)
    if filterset.errors:
        return render(request, "alerts/bad_search.html", {"filter": filterset}, status=400)
    query = normalised_query(filterset)
    description = describe(filterset)
    status = 200
    refusal = ""
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            verified = _is_own_address(request.user, email)
            refusal = _refusal(request, email, verified)
            status = 429 if refusal else 200
            if not refusal:
                try:
                    alert_subscribe(
                        email=email,
                        query=query,
                        description=description,
                        frequency=form.cleaned_data["frequency"],
                        verified=verified,
                        plain=describe(filterset, typed_words=False),
                    )
                except TooManyAlerts:
                    status = 400
                    refusal = _(
                        "Cette adresse suit déjà le nombre maximal de recherches. "
                        "Supprimez-en une (lien en bas de chaque envoi, ou depuis votre "
                        "espace) avant d’en ajouter une autre."
                    )
                else:
                    if verified:
                        messages.success(
                            request,
                            _("Votre alerte « %(name)s » est enregistrée.") % {"name": description},
                        )
                        return redirect(reverse("accounts:space") + "#alertes")
                    return redirect("alerts:subscribed")
    else:
        initial = {"email": request.user.email} if request.user.is_authenticated else {}
        form = SubscribeForm(initial=initial)
    ctx = {
        "form": form,
        "filter": filterset,
        "description": description,
        "query": query,
        "search_url": reverse("initiatives:list") + (f"?{query}" if query else ""),
        "refusal": refusal,
    }
    return render(request, "alerts/subscribe.html", ctx, status=status)


def _refusal(request, email, verified):
    """Why the form is refused for now (abuse limits), or ""."""
    if not subscription_allowed(client=client_network(request)):
        return _(
            "Beaucoup d’alertes ont été demandées depuis votre connexion en peu de temps. "
            "Réessayez dans une heure."
        )
    if not verified and not confirmation_allowed(address=email):
        return _(
            "Plusieurs confirmations ont déjà été envoyées à cette adresse aujourd’hui. "
            "Utilisez le lien de l’un de ces courriels, ou réessayez demain."
        )
    return ""


def subscribed(request):
    return render(request, "alerts/subscribed.html")


@never_cache
def confirm(request, token):
    """A GET shows what is confirmed; the button POSTs. (Mail scanners follow
    links: a GET changes nothing.)"""
    try:
        if request.method == "POST":
            alert = alert_confirm(token=token)
            return render(request, "alerts/confirmed.html", {"alert": alert})
        alert, frequency = alert_of_confirmation(token)
    except LinkExpired:
        return render(request, "alerts/link_failed.html", {"expired": True}, status=400)
    except LinkInvalid:
        return render(request, "alerts/link_failed.html", {"expired": False}, status=400)
    ctx = {"alert": alert, "frequency": Alert.Frequency(frequency).label}
    return render(request, "alerts/confirm.html", ctx)


# One-click unsubscribe (RFC 8058): mail clients POST without any cookie nor
# CSRF token; the link's random key is the only credential, as it is for the GET.
@csrf_exempt
@never_cache
def unsubscribe(request, token):
    alert = _get_alert_by_key(token)
    if request.method == "POST":
        description = alert.description
        alert_delete(alert=alert)
        return render(request, "alerts/unsubscribed.html", {"description": description})
    return render(request, "alerts/unsubscribe.html", {"alert": alert})


@login_required
@require_POST
def change_frequency(request, pk):
    alert = _get_user_alert(request.user, pk)
    form = FrequencyForm(request.POST)
    if form.is_valid():
        alert.change_frequency(form.cleaned_data["frequency"])
        messages.success(
            request,
            _("L’alerte « %(name)s » est maintenant envoyée %(frequency)s.")
            % {"name": alert.description, "frequency": alert.get_frequency_display()},
        )
    else:
        messages.error(request, _("Choisissez une fréquence proposée."))
    return redirect(reverse("accounts:space") + "#alertes")


@login_required
@require_POST
def delete(request, pk):
    alert = _get_user_alert(request.user, pk)
    alert_delete(alert=alert)
    messages.success(
        request, _("L’alerte « %(name)s » est supprimée.") % {"name": alert.description}
    )
    return redirect(reverse("accounts:space") + "#alertes")
