"""What the personal space shows: the holder's initiatives, requests and alerts."""

from django.db.models import Prefetch
from django.utils.text import capfirst

from actors.matching import programmes_for_each
from alerts.models import Alert
from funders.space import funders_space_context
from initiatives.models import Initiative
from moderation.models import Action, Claim
from submissions.models import Revision

# Programmes listed per fiche in the space (the first ones: open calls first).
PROGRAMMES_PER_FICHE = 5


def space_context(user):
    """The held initiatives, each with its pending revision, last refusal and
    the programmes it may be eligible for.

    Ten queries however many initiatives and alerts: initiatives, pending
    revisions, refusals, the programmes supporting them, the programmes they
    may be eligible for, claims, alerts (those of the account's address,
    including those asked for and confirmed without signing in); the actors
    managed, the requests to manage one, the support links to confirm
    (funders.space).
    """
    pending = Revision.objects.filter(status=Revision.Status.PENDING)
    refusals = Action.objects.filter(kind=Action.Kind.REJECT, revision=None, claim=None)
    initiatives = list(
        Initiative.objects.held_by(user)
        .select_related("commune")
        .prefetch_related(
            Prefetch("revisions", queryset=pending, to_attr="pending_revisions"),
            Prefetch("moderation_actions", queryset=refusals, to_attr="refusals"),
        )
        .order_by("name")
    )
    current = [item for item in initiatives if item.status != Initiative.Status.ARCHIVED]
    matches = programmes_for_each(current)
    for initiative in current:
        initiative.programme_matches = matches[initiative.pk][:PROGRAMMES_PER_FICHE]
    claims = Claim.objects.filter(user=user).select_related("initiative").order_by("-created_at")
    alerts = Alert.objects.of_user(user).order_by("description", "pk")
    return {
        "initiatives": initiatives,
        "claims": list(claims),
        "alerts": list(alerts),
        "frequencies": [(value, capfirst(label)) for value, label in Alert.Frequency.choices],
        **funders_space_context(user),
    }
