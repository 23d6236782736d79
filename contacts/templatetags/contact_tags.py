"""The contact block of a fiche, rendered where the initiatives app's page asks
for it: the initiatives app does not import this one."""

from django import template
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from contacts.models import ContactRequest
from initiatives.models import Initiative

register = template.Library()


def fiche_contact(initiative):
    """For the fiche, in one query: can anyone receive a request, and how many
    territories asked to replicate the initiative."""
    holders = Initiative.holders.through.objects.filter(initiative_id=OuterRef("pk"))
    interest = (
        ContactRequest.objects.territorial_interest()
        .filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(territories=Count("territory", distinct=True))
        .values("territories")
    )
    row = (
        Initiative.objects.filter(pk=initiative.pk)
        .annotate(has_holders=Exists(holders), interested=Coalesce(Subquery(interest), 0))
        .values("has_holders", "interested")
        .get()
    )
    return {
        "reachable": bool(initiative.contact_email) or row["has_holders"],
        "interested_territories": row["interested"],
    }


@register.inclusion_tag("contacts/fiche_block.html")
def fiche_contact_block(initiative):
    return {"initiative": initiative, "contact": fiche_contact(initiative)}
