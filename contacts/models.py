from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContactRequestQuerySet(models.QuerySet):
    def not_spam(self):
        return self.filter(is_spam=False)

    def for_holder(self, user):
        """Requests about the initiatives `user` holds, spam left out."""
        if not user.is_authenticated:
            return self.none()
        return self.not_spam().filter(initiative__holders=user)

    def territorial_interest(self):
        """Essaimage requests in which an élu or a local authority names a territory."""
        return self.not_spam().filter(
            purpose=ContactRequest.Purpose.ESSAIMAGE,
            sender_kind=ContactRequest.SenderKind.ELECTED,
            territory__isnull=False,
        )

    def received_before(self, moment):
        return self.filter(created_at__lt=moment)

    def with_delivery(self):
        """Annotate how many of each request's emails are sent, failed or waiting."""
        if "deliveries_total" in self.query.annotations:
            return self
        pending = Q(deliveries__status="pending")
        return self.annotate(
            deliveries_total=Count("deliveries"),
            deliveries_sent=Count("deliveries", filter=Q(deliveries__status="sent")),
            deliveries_failed=Count("deliveries", filter=Q(deliveries__status="failed")),
            deliveries_retrying=Count("deliveries", filter=pending & Q(deliveries__attempts__gt=0)),
        )

    def with_delivery_status(self, status):
        """Requests whose delivery is in `status` (a ContactRequest.Delivery value)."""
        queryset = self.with_delivery()
        Delivery = ContactRequest.Delivery
        if status == Delivery.FAILED:
            return queryset.filter(deliveries_failed__gt=0)
        if status == Delivery.RETRYING:
            return queryset.filter(deliveries_failed=0, deliveries_retrying__gt=0)
        if status == Delivery.PENDING:
            return queryset.filter(deliveries_failed=0, deliveries_retrying=0).exclude(
                deliveries_sent=models.F("deliveries_total")
            )
        if status == Delivery.DELIVERED:
            return queryset.filter(
                deliveries_total__gt=0, deliveries_sent=models.F("deliveries_total")
            )
        if status == Delivery.INBOX_ONLY:
            return queryset.filter(deliveries_total=0)
        return queryset


class ContactRequest(models.Model):
    """A message from a visitor to the people behind an initiative or an actor.

    It is stored before anything is sent; its emails go through the outbox,
    which retries them. The recipients' addresses are never shown to the sender.
    """

    class SenderKind(models.TextChoices):
        CITIZEN = "citoyen", _("citoyen ou citoyenne")
        ELECTED = "elu", _("élu ou agent de collectivité")
        FUNDER = "financeur", _("financeur")
        PROJECT_HOLDER = "porteur-de-projet", _("porteur de projet")
        JOURNALIST = "journaliste", _("journaliste")
        OTHER = "autre", _("autre")

    class Purpose(models.TextChoices):
        INFORMATION = "information", _("information")
        PARTNERSHIP = "partenariat", _("partenariat")
        SUPPORT = "soutien", _("soutien / financement")
        ESSAIMAGE = "essaimage", _("essaimage sur mon territoire")

    class Delivery(models.TextChoices):
        """Where the request's emails stand; read from the outbox, never stored."""

        PENDING = "pending", _("en cours d’envoi")
        RETRYING = "retrying", _("nouvel essai prévu")
        DELIVERED = "delivered", _("transmise")
        FAILED = "failed", _("échec de transmission")
        INBOX_ONLY = "inbox", _("dans l’espace des porteurs seulement")

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact_requests",
    )
    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("acteur"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact_requests",
    )
    sender_name = models.CharField(
        _("nom de l’expéditeur"), max_length=100, help_text=_("Exemple : Camille Martin.")
    )
    sender_email = models.EmailField(_("adresse de l’expéditeur"))
    sender_organisation = models.CharField(
        _("organisation"), max_length=150, blank=True, help_text=_("Exemple : mairie de Voiron.")
    )
    sender_kind = models.CharField(_("profil"), max_length=20, choices=SenderKind.choices)
    purpose = models.CharField(_("objet"), max_length=20, choices=Purpose.choices)
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("territoire"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Pour un essaimage : le territoire intéressé. Exemple : Voiron."),
    )
    message = models.TextField(_("message"))
    is_spam = models.BooleanField(
        _("indésirable"),
        default=False,
        help_text=_("Une demande indésirable n’est ni transmise ni comptée."),
    )
    deliveries = models.ManyToManyField(
        "outbox.Email",
        verbose_name=_("courriels aux destinataires"),
        blank=True,
        related_name="contact_requests",
    )
    confirmation = models.ForeignKey(
        "outbox.Email",
        verbose_name=_("accusé de réception"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("reçue le"), default=timezone.now, editable=False)

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("demande de contact")
        verbose_name_plural = _("demandes de contact")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(initiative__isnull=False, actor__isnull=True)
                | Q(initiative__isnull=True, actor__isnull=False),
                name="contactrequest_one_recipient",
            ),
        ]
        indexes = [
            # ContactRequestQuerySet.received_before(): the retention purge.
            models.Index(fields=["created_at"], name="contactrequest_created"),
            # ContactRequestQuerySet.territorial_interest(): the fiche's count.
            models.Index(
                fields=["initiative", "territory"],
                name="contactrequest_essaimage",
                condition=Q(purpose="essaimage", sender_kind="elu", is_spam=False),
            ),
        ]

    def __str__(self):
        return _("%(sender)s à %(recipient)s") % {
            "sender": self.sender_name,
            "recipient": self.recipient,
        }

    @property
    def recipient(self):
        """The initiative or the actor contacted."""
        return self.initiative or self.actor

    def recipient_addresses(self):
        """[(address, is_holder)…]: the private addresses the request goes to."""
        addresses = {}
        if self.initiative_id:
            if self.initiative.contact_email:
                addresses[self.initiative.contact_email.lower()] = (
                    self.initiative.contact_email,
                    False,
                )
            holders = self.initiative.holders.filter(is_active=True).exclude(email="")
            for address in holders.order_by("pk").values_list("email", flat=True):
                addresses[address.lower()] = (address, True)
        elif self.actor.contact_email:
            addresses[self.actor.contact_email.lower()] = (self.actor.contact_email, False)
        return list(addresses.values())

    @property
    def delivery_status(self):
        """A Delivery value; needs ContactRequestQuerySet.with_delivery()."""
        if self.deliveries_failed:
            return self.Delivery.FAILED
        if self.deliveries_retrying:
            return self.Delivery.RETRYING
        if not self.deliveries_total:
            return self.Delivery.INBOX_ONLY
        if self.deliveries_sent == self.deliveries_total:
            return self.Delivery.DELIVERED
        return self.Delivery.PENDING

    def get_delivery_status_display(self):
        return self.Delivery(self.delivery_status).label


class UsedFormToken(models.Model):
    """A contact form already sent: each form shown is accepted once.

    Written in the transaction of the request it carried, under a unique key,
    so two workers cannot both accept the same form (contacts.services). Kept
    only while the token could still be sent (CONTACT_FORM_MAX_SECONDS).
    """

    nonce = models.CharField(_("jeton"), max_length=32, primary_key=True)
    used_at = models.DateTimeField(_("utilisé le"), default=timezone.now)

    class Meta:
        verbose_name = _("formulaire de contact envoyé")
        verbose_name_plural = _("formulaires de contact envoyés")
        indexes = [
            # contacts.services.contact_requests_purge(): forgetting expired tokens.
            models.Index(fields=["used_at"], name="usedformtoken_used"),
        ]

    def __str__(self):
        return f"{self.nonce[:8]}… {self.used_at:%Y-%m-%d %H:%M}"
