from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative


class Reminder(models.Model):
    """One "Toujours d’actualité ?" email about a fiche, to all its recipients.

    Its links name it (freshness.links): an answer is recorded once, on it.
    """

    class Answer(models.TextChoices):
        CONFIRMED = "confirmed", _("toujours d’actualité")
        STOPPED = "stopped", _("l’initiative s’est arrêtée")

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    number = models.PositiveSmallIntegerField(
        _("numéro"), help_text=_("1 : le premier e-mail de l’année ; 2 et 3 : les relances.")
    )
    sent_at = models.DateTimeField(_("envoyé le"), default=timezone.now)
    recipients = models.PositiveSmallIntegerField(_("destinataires"), default=0)
    to_holders = models.BooleanField(
        _("aux porteurs"),
        default=True,
        help_text=_("Décoché : au contact privé de la fiche, qui n’a pas de porteur."),
    )
    answer = models.CharField(_("réponse"), max_length=10, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    report = models.ForeignKey(
        "moderation.Report",
        verbose_name=_("signalement créé"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("rappel « toujours d’actualité ? »")
        verbose_name_plural = _("rappels « toujours d’actualité ? »")
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"{self.initiative} ({self.number}, {self.sent_at:%Y-%m-%d})"


class StaleInitiative(Initiative):
    """The moderators' queue of published fiches whose holders did not answer
    their reminders (Initiative.to_verify_since)."""

    class Meta:
        proxy = True
        verbose_name = _("fiche à vérifier")
        verbose_name_plural = _("fiches à vérifier")
