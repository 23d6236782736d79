from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative
from submissions import models as submissions

# The group of moderators, with the permissions moderation needs (migration 0003).
MODERATORS_GROUP = "Modérateurs"


class Reason(models.TextChoices):
    """Why a moderator refuses a submission, a revision or a claim."""

    INCOMPLETE = "incomplete", _("informations incomplètes ou trop vagues")
    OUT_OF_SCOPE = "hors-champ", _("hors du champ de l’innovation sociale")
    DUPLICATE = "doublon", _("doublon d’une fiche existante")
    UNVERIFIABLE = "inverifiable", _("informations impossibles à vérifier")
    PROMOTIONAL = "promotionnel", _("contenu publicitaire ou inapproprié")
    NOT_LINKED = "lien-non-etabli", _("lien avec l’initiative non établi")
    OTHER = "autre", _("autre raison (précisée dans le message)")


class Claim(models.Model):
    """Someone asks to manage an existing fiche (seeded or imported)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente")
        APPROVED = "approved", _("acceptée")
        REJECTED = "rejected", _("refusée")

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandeur"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    role = models.CharField(
        _("rôle dans la structure"),
        max_length=200,
        help_text=_("Exemple : directrice de l’association."),
    )
    message = models.TextField(
        _("pourquoi"),
        max_length=2000,
        help_text=_("Ce qui montre votre lien avec l’initiative : fonction, site, contact…"),
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)

    class Meta:
        verbose_name = _("revendication")
        verbose_name_plural = _("revendications")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"],
                condition=models.Q(status="pending"),
                name="claim_one_pending_per_user",
            )
        ]

    def __str__(self):
        return _("%(user)s pour « %(name)s »") % {"user": self.user, "name": self.initiative}


class Report(models.Model):
    """A visitor's "Signaler une erreur" on a fiche."""

    class Reason(models.TextChoices):
        WRONG = "erreur", _("une information est fausse")
        CLOSED = "n-existe-plus", _("l’initiative n’existe plus")
        DUPLICATE = "doublon", _("c’est un doublon d’une autre fiche")
        INAPPROPRIATE = "inapproprie", _("le contenu est inapproprié")

    class Status(models.TextChoices):
        OPEN = "open", _("à traiter")
        RESOLVED = "resolved", _("traité")
        DISMISSED = "dismissed", _("classé sans suite")

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.CharField(_("motif"), max_length=20, choices=Reason.choices)
    message = models.TextField(
        _("précisions"),
        max_length=2000,
        blank=True,
        help_text=_("Exemple : le site web a changé d’adresse."),
    )
    email = models.EmailField(
        _("votre e-mail (facultatif)"),
        blank=True,
        help_text=_("Seulement pour vous poser une question ; jamais affiché."),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    client = models.CharField(
        _("client"),
        max_length=64,
        editable=False,
        help_text=_("Empreinte de l’adresse IP, pour limiter le nombre de signalements."),
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("signalé le"), default=timezone.now)

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        ordering = ["created_at"]
        indexes = [
            # moderation.services.report_create(): recent reports from one client.
            models.Index(fields=["client", "created_at"], name="report_client_recent"),
            # moderation.services.waiting_counts() and the queue's default view: open reports.
            models.Index(
                fields=["created_at"], name="report_open", condition=models.Q(status="open")
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} : {self.initiative}"


class ActionQuerySet(models.QuerySet):
    def about(self, initiative):
        return self.filter(initiative=initiative)


class Action(models.Model):
    """What a moderator did, when, why: the moderation log, read on every object."""

    class Kind(models.TextChoices):
        APPROVE = "approve", _("approbation")
        REJECT = "reject", _("refus")
        ARCHIVE = "archive", _("archivage")
        RESTORE = "restore", _("restauration")
        VERIFY = "verify", _("vérification")
        RESOLVE = "resolve", _("signalement traité")
        DISMISS = "dismiss", _("signalement classé sans suite")

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="moderation_actions",
    )
    revision = models.ForeignKey(
        "submissions.Revision",
        verbose_name=_("modification"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
    )
    claim = models.ForeignKey(
        Claim,
        verbose_name=_("revendication"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
    )
    report = models.ForeignKey(
        Report,
        verbose_name=_("signalement"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modérateur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    kind = models.CharField(_("action"), max_length=10, choices=Kind.choices)
    reason = models.CharField(_("motif"), max_length=20, choices=Reason.choices, blank=True)
    message = models.TextField(
        _("message"), blank=True, help_text=_("Envoyé au porteur avec la décision.")
    )
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action de modération")
        verbose_name_plural = _("journal de modération")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.subject} ({self.moderator})"

    @property
    @admin.display(description=_("objet"))
    def subject(self):
        if self.revision_id:
            return _("modification")
        if self.claim_id:
            return _("revendication")
        if self.report_id:
            return _("signalement")
        return _("fiche")


class Submission(Initiative):
    """The moderators' queue of initiatives sent for review (status pending)."""

    class Meta:
        proxy = True
        verbose_name = _("fiche à relire")
        verbose_name_plural = _("fiches à relire")


class Revision(submissions.Revision):
    """The moderators' queue of the changes holders propose (submissions.Revision),
    at /admin/moderation/revision/ with its permissions in this app."""

    class Meta:
        proxy = True
        verbose_name = _("modification proposée")
        verbose_name_plural = _("modifications proposées")
