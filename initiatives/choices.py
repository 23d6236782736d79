"""The stages and structure types of an initiative.

Apart from the model so that the facet-key codec (initiatives/facet_keys.py),
which the model's search index needs, can read them without the model.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    IDEATION = "ideation", _("idéation")
    EXPERIMENTATION = "experimentation", _("expérimentation")
    CONSOLIDATION = "consolidation", _("consolidation")
    ESSAIMAGE = "essaimage", _("essaimage")


class Structure(models.TextChoices):
    ASSOCIATION = "association", _("association")
    COOPERATIVE = "cooperative", _("coopérative (SCOP, SCIC)")
    SOCIAL_ENTERPRISE = "entreprise-sociale", _("entreprise sociale (ESUS)")
    COLLECTIVE = "collectif", _("collectif citoyen")
    COLLECTIVITE = "collectivite", _("collectivité")
    FOUNDATION = "fondation", _("fondation")
    COMPANY = "entreprise", _("entreprise")
    PUBLIC_BODY = "etablissement-public", _("établissement public")
