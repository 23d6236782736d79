"""Funders', incubators' and networks' space: who manages an actor's page, and the
support links they declare, which the initiative's holders (or a moderator) approve."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import InitiativeActor


class Decision(models.TextChoices):
    PENDING = "pending", _("en attente")
    APPROVED = "approved", _("acceptée")
    REJECTED = "rejected", _("refusée")


class SupportStatus(models.TextChoices):
    PENDING = "pending", _("en attente")
    APPROVED = "approved", _("confirmé")
    REJECTED = "rejected", _("refusé")


class ManagementRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Decision.PENDING)


class ManagementRequest(models.Model):
    """Someone asks to manage an actor's page: a moderator decides."""

    Status = Decision

    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("acteur"),
        on_delete=models.CASCADE,
        related_name="management_requests",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandeur"),
        on_delete=models.CASCADE,
        related_name="actor_requests",
    )
    role = models.CharField(
        _("rôle dans la structure"),
        max_length=200,
        help_text=_("Exemple : chargée de mission innovation sociale."),
    )
    message = models.TextField(
        _("pourquoi"),
        max_length=2000,
        help_text=_("Ce qui montre votre lien avec la structure : fonction, site, contact…"),
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("motif"), max_length=20, blank=True)
    decision_message = models.TextField(
        _("message de l’équipe"), blank=True, help_text=_("Envoyé au demandeur avec la décision.")
    )

    objects = ManagementRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("demande de gestion d’un acteur")
        verbose_name_plural = _("demandes de gestion d’acteurs")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "user"],
                condition=models.Q(status="pending"),
                name="actor_request_one_pending_per_user",
            )
        ]

    def __str__(self):
        return _("%(user)s pour « %(name)s »") % {"user": self.user, "name": self.actor}

    def decide(self, *, status, by, reason="", message=""):
        self.status = status
        self.decided_by = by
        self.decided_at = timezone.now()
        self.reason = reason
        self.decision_message = message
        self.save(
            update_fields=["status", "decided_by", "decided_at", "reason", "decision_message"]
        )


class MembershipQuerySet(models.QuerySet):
    def of_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class Membership(models.Model):
    """A person who manages an actor's page (approved by a moderator)."""

    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("acteur"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="actor_memberships",
    )
    role = models.CharField(_("rôle dans la structure"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("depuis le"), default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("gestionnaire d’un acteur")
        verbose_name_plural = _("gestionnaires des acteurs")
        ordering = ["actor", "created_at"]
        constraints = [models.UniqueConstraint(fields=["actor", "user"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} — {self.actor}"


class SupportLinkQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=SupportStatus.PENDING)

    def awaiting_holder(self, user):
        """Pending links on initiatives `user` holds: theirs to decide."""
        if not user.is_authenticated:
            return self.none()
        return self.pending().filter(initiative__holders=user)


class SupportLink(models.Model):
    """An actor's manager says "we support this initiative". Nothing is public
    until one of the initiative's holders (or, without holders, a moderator)
    approves it: it then becomes the initiative's InitiativeActor row."""

    Status = SupportStatus
    Role = InitiativeActor.Role

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="support_links",
    )
    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("acteur"),
        on_delete=models.CASCADE,
        related_name="support_links",
    )
    role = models.CharField(_("rôle"), max_length=24, choices=InitiativeActor.Role.choices)
    programme = models.ForeignKey(
        "actors.Programme",
        verbose_name=_("programme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_links",
        help_text=_("Facultatif. Exemple : FISO."),
    )
    year = models.PositiveSmallIntegerField(
        _("année du soutien"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Facultatif. Exemple : 2021."),
    )
    message = models.TextField(
        _("message aux porteurs"),
        max_length=1000,
        blank=True,
        help_text=_("Exemple : lauréat de notre appel 2021, prêt d’honneur de 20 000 €."),
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déclaré par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=SupportStatus.choices, default=SupportStatus.PENDING
    )
    created_at = models.DateTimeField(_("déclaré le"), default=timezone.now)
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SupportLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("soutien déclaré")
        verbose_name_plural = _("soutiens déclarés")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "actor", "role"],
                condition=models.Q(status="pending"),
                name="support_link_one_pending",
            )
        ]

    def __str__(self):
        return f"{self.actor} → {self.initiative} ({self.get_role_display()})"

    def decide(self, *, status, by):
        self.status = status
        self.decided_by = by
        self.decided_at = timezone.now()
        self.save(update_fields=["status", "decided_by", "decided_at"])
