from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from actors.models import Actor
from carrefour.clients import client_network
from contacts.filters import InboxFilter
from contacts.forms import HONEYPOT, ContactForm, form_token
from contacts.limits import contact_allowed
from contacts.models import ContactRequest
from contacts.services import FormAlreadySent, contact_request_create
from initiatives.models import Initiative
from territories.models import KEY, Territory


def _get_published_initiative(slug):
    return get_object_or_404(Initiative.objects.published(), slug=slug)


def _get_published_actor(slug):
    return get_object_or_404(Actor.objects.published(), slug=slug)


@never_cache
def initiative_contact(request, slug):
    initiative = _get_published_initiative(slug)
    reachable = bool(initiative.contact_email) or initiative.holders.exists()
    sent_url = reverse("contacts:initiative-sent", args=[slug])
    return _contact_page(request, initiative, reachable, sent_url)


@never_cache
def actor_contact(request, slug):
    actor = _get_published_actor(slug)
    sent_url = reverse("contacts:actor-sent", args=[slug])
    return _contact_page(request, actor, bool(actor.contact_email), sent_url)


def _contact_page(request, recipient, reachable, sent_url):
    recipient_key = f"{recipient._meta.model_name}-{recipient.pk}"
    status = 200
    if request.method == "POST" and reachable:
        form = ContactForm(request.POST, recipient_key=recipient_key)
        if form.is_bot():
            return redirect(sent_url)
        if form.is_valid():
            if contact_allowed(client=client_network(request), recipient=recipient_key):
                fields = {k: v for k, v in form.cleaned_data.items() if k in SENDER_FIELDS}
                try:
                    contact_request_create(
                        recipient=recipient, token=form.cleaned_data["token"], **fields
                    )
                except FormAlreadySent:
                    form.refuse_as_already_sent()
                else:
                    return redirect(sent_url)
            else:
                status = 429
    else:
        form = ContactForm(recipient_key=recipient_key, initial=_initial(request.GET))
    ctx = {
        "recipient": recipient,
        "reachable": reachable,
        "form": form,
        "token": form_token(recipient_key),
        "honeypot": HONEYPOT,
        "too_many": status == 429,
        "retention_months": round(settings.CONTACT_RETENTION_DAYS / 30.4),
        "privacy_email": settings.PRIVACY_EMAIL,
    }
    return render(request, "contacts/form.html", ctx, status=status)


SENDER_FIELDS = {
    "name",
    "email",
    "organisation",
    "sender_kind",
    "purpose",
    "territory",
    "message",
}


def _initial(query):
    """Preselect the profile, purpose and territory from links such as
    ?profil=elu&objet=essaimage&territoire=commune-38563 (a territory's dashboard)."""
    initial = {}
    if query.get("profil") in ContactRequest.SenderKind.values:
        initial["sender_kind"] = query["profil"]
    if query.get("objet") in ContactRequest.Purpose.values:
        initial["purpose"] = query["objet"]
    key = query.get("territoire", "")
    if KEY.fullmatch(key):
        territory = Territory.objects.defer("geometry").by_key(key)
        if territory is not None:
            initial["territory"] = territory
    return initial


def initiative_contact_sent(request, slug):
    initiative = _get_published_initiative(slug)
    return render(request, "contacts/sent.html", {"recipient": initiative})


def actor_contact_sent(request, slug):
    actor = _get_published_actor(slug)
    return render(request, "contacts/sent.html", {"recipient": actor})


@login_required
def inbox(request):
    held = Initiative.objects.held_by(request.user).order_by("name")
    requests = ContactRequest.objects.for_holder(request.user).select_related(
        "initiative", "territory"
    )
    filterset = InboxFilter(request.GET, queryset=requests, initiatives=held)
    page = Paginator(filterset.qs.order_by("-created_at", "-id"), 20).get_page(
        request.GET.get("page")
    )
    ctx = {
        "filter": filterset,
        "page": page,
        "held": held,
        "retention_months": round(settings.CONTACT_RETENTION_DAYS / 30.4),
    }
    return render(request, "contacts/inbox.html", ctx)
