"""The programmes as the read API gives them."""

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from actors.models import Actor, Call, Programme
from api.payloads import absolute
from territories.models import Territory


def _actors():
    return Prefetch("actors", queryset=Actor.objects.published().only("name", "slug"))


def programmes(queryset):
    """`queryset` (published programmes) with what a row of the list reads."""
    return queryset.with_next_closing().prefetch_related(_actors())


def programme(item):
    return {
        "slug": item.slug,
        "nom": item.name,
        "type": item.kind,
        "resume": item.summary,
        "porteurs": [{"slug": actor.slug, "nom": actor.name} for actor in item.actors.all()],
        "permanent": item.is_permanent,
        "prochaine_cloture": item.next_closing,
        "url": absolute(item.get_absolute_url()),
    }


def programme_detail(slug):
    queryset = programmes(Programme.objects.published()).prefetch_related(
        Prefetch("territories", queryset=Territory.objects.only("kind", "code")),
        "themes",
        "publics",
        Prefetch("calls", queryset=Call.objects.order_by("closes_on", "name")),
    )
    item = queryset.filter(slug=slug).first()
    if item is None:
        raise Http404(_("Aucun programme publié n’a cet identifiant."))
    return {
        **programme(item),
        "apport": item.offer,
        "description": item.description,
        "montant_min": item.amount_min,
        "montant_max": item.amount_max,
        "taux": float(item.rate) if item.rate is not None else None,
        "duree_mois": item.duration_months,
        "site_web": item.website,
        "eligibilite": {
            "territoires": sorted(place.key for place in item.territories.all()),
            "nationale": item.is_national,
            "thematiques": sorted(theme.slug for theme in item.themes.all()),
            "publics": sorted(public.slug for public in item.publics.all()),
            "etapes": item.stages,
            "structures": item.structure_types,
            "conditions": item.conditions,
        },
        "appels": [
            {
                "nom": call.name,
                "ouverture": call.opens_on,
                "cloture": call.closes_on,
                "site_web": call.website,
            }
            for call in item.calls.all()
        ],
    }
