import datetime
import re

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Delays between attempts: 1, 2, 4… minutes, at most 6 hours; then give up.
MAX_ATTEMPTS = 10
MAX_DELAY = datetime.timedelta(hours=6)
EMAIL_ADDRESS = re.compile(r"[^\s<>@]+@[^\s<>@]+")


def retry_delay(attempts):
    return min(datetime.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_DELAY)


def without_addresses(text):
    """An error message safe to store and show: email addresses are masked."""
    return EMAIL_ADDRESS.sub("[adresse]", text)[:1000]


class EmailQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(status=Email.Status.PENDING, next_attempt_at__lte=now or timezone.now())

    def failed(self):
        return self.filter(status=Email.Status.FAILED)


class Email(models.Model):
    """A message waiting to be sent, sent, or given up on after repeated failures.

    It is written in the same transaction as the change it tells about, so a
    message is never lost nor sent for a change that was rolled back.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("à envoyer")
        SENT = "sent", _("envoyé")
        FAILED = "failed", _("échec définitif")

    kind = models.SlugField(
        _("type"), max_length=50, help_text=_("Exemple : verification, demande-contact.")
    )
    to = models.EmailField(_("destinataire"))
    reply_to = models.EmailField(_("répondre à"), blank=True)
    subject = models.CharField(_("objet"), max_length=250)
    body = models.TextField(_("texte"))
    headers = models.JSONField(
        _("en-têtes"),
        default=dict,
        blank=True,
        help_text=_("En-têtes ajoutés au message. Exemple : List-Unsubscribe pour les alertes."),
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), default=timezone.now)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    objects = EmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("courriel")
        verbose_name_plural = _("courriels")
        ordering = ["-created_at"]
        indexes = [
            # EmailQuerySet.due(): the sender's queue.
            models.Index(
                fields=["next_attempt_at"],
                name="email_due",
                condition=models.Q(status="pending"),
            ),
            # EmailQuerySet.failed(): counted on the admin's index (moderation.services).
            models.Index(
                fields=["created_at"], name="email_failed", condition=models.Q(status="failed")
            ),
        ]

    def __str__(self):
        return f"{self.subject} ({self.get_status_display()})"

    def mark_sent(self):
        self.status = self.Status.SENT
        self.attempts += 1
        self.sent_at = timezone.now()
        self.last_error = ""
        self.save(update_fields=["status", "attempts", "sent_at", "last_error"])

    def mark_failed(self, error):
        self.attempts += 1
        self.last_error = without_addresses(f"{type(error).__name__}: {error}")
        if self.attempts >= MAX_ATTEMPTS:
            self.status = self.Status.FAILED
        else:
            self.next_attempt_at = timezone.now() + retry_delay(self.attempts)
        self.save(update_fields=["status", "attempts", "next_attempt_at", "last_error"])
