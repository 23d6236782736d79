from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Revision(models.Model):
    """Changes a holder proposes to a published initiative, live once approved.

    `data` holds every value of the edit form (submissions.proposals), relations
    included, so that approving applies it in one go. Moderators read them in
    their queue, moderation.models.Revision.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente")
        APPROVED = "approved", _("approuvée")
        REJECTED = "rejected", _("refusée")

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="revisions",
    )
    data = models.JSONField(_("valeurs proposées"))
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("proposée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        # The table the moderation app created, kept with its rows when the model
        # moved here (migration submissions 0001).
        db_table = "moderation_revision"
        verbose_name = _("modification proposée")
        verbose_name_plural = _("modifications proposées")
        ordering = ["created_at"]
        constraints = [
            # A holder's new edits replace the pending revision: one per initiative.
            models.UniqueConstraint(
                fields=["initiative"],
                condition=models.Q(status="pending"),
                name="revision_one_pending_per_initiative",
            )
        ]

    def __str__(self):
        return _("Modification de « %(name)s »") % {"name": self.initiative}
