import datetime
import secrets

from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A month of digests is 30 days: a digest never waits for a calendar date.
PERIODS = {"hebdomadaire": datetime.timedelta(days=7), "mensuelle": datetime.timedelta(days=30)}


def new_key():
    """The secret of an alert's links: 256 random bits, never derived from the address."""
    return secrets.token_urlsafe(32)


class AlertQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)

    def due(self, now=None):
        """Confirmed alerts whose next digest is due."""
        return self.confirmed().filter(next_digest_at__lte=now or timezone.now())

    def for_address(self, email):
        return self.filter(email__iexact=email.strip())

    def of_user(self, user):
        """The confirmed alerts of the verified address of `user`, whoever created them."""
        if not user.is_authenticated or not user.email:
            return self.none()
        return self.confirmed().for_address(user.email)

    def expired(self, before):
        """Alerts never confirmed, asked for before `before`."""
        return self.unconfirmed().filter(created_at__lt=before)


class Alert(models.Model):
    """A search of the directory followed by email: its new initiatives, weekly
    or monthly.

    The search is stored as the normalised query string of the list
    (/initiatives/?…), so an alert means exactly what the list means. It sends
    nothing until its address is confirmed (double opt-in).
    """

    class Frequency(models.TextChoices):
        WEEKLY = "hebdomadaire", _("chaque semaine")
        MONTHLY = "mensuelle", _("chaque mois")

    email = models.EmailField(_("adresse"))
    query = models.CharField(
        _("recherche"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Paramètres de la liste. Exemple : thematique=mobilite&territoire=epci-200040715."
        ),
    )
    description = models.CharField(
        _("description"), max_length=250, help_text=_("Exemple : Mobilité — CA du Pays Voironnais.")
    )
    frequency = models.CharField(
        _("fréquence"), max_length=12, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    key = models.CharField(_("clé des liens"), max_length=64, unique=True, default=new_key)
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    covered_until = models.DateTimeField(
        _("nouveautés envoyées jusqu’au"),
        null=True,
        blank=True,
        help_text=_("Les initiatives publiées après ce moment iront dans le prochain envoi."),
    )
    next_digest_at = models.DateTimeField(_("prochain envoi"), null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alerte")
        verbose_name_plural = _("alertes")
        ordering = ["-created_at"]
        constraints = [
            # One alert per address and search: subscribing again changes its frequency.
            models.UniqueConstraint(fields=["email", "query"], name="alert_unique_email_query"),
        ]
        indexes = [
            # AlertQuerySet.due(): the alerts `send_alerts` reads.
            models.Index(
                fields=["next_digest_at"],
                name="alert_due",
                condition=models.Q(confirmed_at__isnull=False),
            ),
            # AlertQuerySet.of_user(): /mon-espace/ lists the alerts of an address.
            models.Index(Upper("email"), name="alert_email_upper"),
            # AlertQuerySet.expired(): the unconfirmed alerts `send_alerts` deletes.
            models.Index(
                fields=["created_at"],
                name="alert_unconfirmed",
                condition=models.Q(confirmed_at__isnull=True),
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def period(self):
        return PERIODS[self.frequency]

    def confirm(self, frequency, now=None):
        """Start sending (the first digest after one period), or change the
        frequency of a confirmed alert."""
        now = now or timezone.now()
        fields = ["frequency", "next_digest_at"]
        if self.confirmed_at is None:
            self.confirmed_at = self.covered_until = now
            fields += ["confirmed_at", "covered_until"]
        self.frequency = frequency
        self.next_digest_at = (self.covered_until or now) + PERIODS[frequency]
        self.save(update_fields=fields)

    def change_frequency(self, frequency):
        self.frequency = frequency
        self.next_digest_at = (self.covered_until or timezone.now()) + PERIODS[frequency]
        self.save(update_fields=["frequency", "next_digest_at"])


class Digest(models.Model):
    """One email of an alert: which new initiatives it listed, up to when.

    Written in the transaction that queues the email and moves the alert's
    `covered_until`, so a digest is sent once or not at all.
    """

    alert = models.ForeignKey(
        Alert, verbose_name=_("alerte"), on_delete=models.CASCADE, related_name="digests"
    )
    email = models.OneToOneField(
        "outbox.Email",
        verbose_name=_("courriel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alert_digest",
    )
    covered_from = models.DateTimeField(_("nouveautés depuis le"))
    covered_until = models.DateTimeField(_("nouveautés jusqu’au"))
    count = models.PositiveIntegerField(_("nouvelles initiatives"))
    programmes = models.PositiveIntegerField(
        _("programmes nouveaux ou avec un nouvel appel"), default=0
    )
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now)

    class Meta:
        verbose_name = _("envoi d’alerte")
        verbose_name_plural = _("envois d’alertes")
        ordering = ["-created_at"]
        constraints = [
            # Two runs of send_alerts never cover the same period of an alert twice.
            models.UniqueConstraint(
                fields=["alert", "covered_until"], name="digest_unique_alert_period"
            ),
        ]

    def __str__(self):
        return f"{self.alert} ({self.covered_until:%Y-%m-%d})"


class SentInitiative(models.Model):
    """An initiative an alert has already sent: never sent again by that alert,
    even if it is published anew."""

    alert = models.ForeignKey(
        Alert, verbose_name=_("alerte"), on_delete=models.CASCADE, related_name="sent"
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    digest = models.ForeignKey(
        Digest, verbose_name=_("envoi"), on_delete=models.CASCADE, related_name="initiatives"
    )

    class Meta:
        verbose_name = _("initiative envoyée")
        verbose_name_plural = _("initiatives envoyées")
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "initiative"], name="sent_initiative_unique_alert_initiative"
            ),
        ]

    def __str__(self):
        return f"{self.alert_id} → {self.initiative_id}"
