from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from initiatives import search_index

# What the search index of the initiatives copies from their actors.
INDEXED_FIELDS = frozenset({"name", "is_published"})


class ActorQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def of_kind(self, kind):
        return self.filter(kind=kind) if kind else self

    def update(self, **kwargs):
        if not INDEXED_FIELDS.intersection(kwargs):
            return super().update(**kwargs)
        ids = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        search_index.refresh_tagged("actor_ids", ids)
        return count

    def delete(self):
        initiatives = search_index.tagged("actor_ids", self.values_list("pk", flat=True))
        deleted = super().delete()
        search_index.refresh(initiatives)
        return deleted

    delete.queryset_only = True


class Actor(models.Model):
    """Who funds, supports, carries or partners social innovations."""

    class Kind(models.TextChoices):
        FUNDER = "financeur", _("financeur")
        FOUNDATION = "fondation", _("fondation")
        BANK = "banque", _("banque ou investisseur")
        PUBLIC_FUNDER = "financeur-public", _("financeur public")
        INCUBATOR = "incubateur", _("incubateur ou accompagnateur")
        NETWORK = "reseau", _("réseau")
        COLLECTIVITE = "collectivite", _("collectivité")
        ADMINISTRATION = "administration", _("administration de l’État")
        COMPANY = "entreprise", _("entreprise")
        STRUCTURE = "structure", _("structure porteuse")

    name = models.CharField(_("nom"), max_length=200, help_text=_("Exemple : France Active."))
    slug = models.SlugField(_("identifiant d’URL"), max_length=200, unique=True)
    kind = models.CharField(_("type d’acteur"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("site web"), blank=True, help_text=_("Exemple : https://…"))
    contact_email = models.EmailField(
        _("email de contact (privé)"),
        blank=True,
        help_text=_("Jamais affiché : les demandes de contact y sont transmises."),
    )
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("territoire de la collectivité"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Pour une collectivité : son territoire. Exemple : Pays Voironnais."),
    )
    territories = models.ManyToManyField(
        "territories.Territory",
        verbose_name=_("territoires couverts"),
        blank=True,
        related_name="actors",
    )
    is_national = models.BooleanField(_("agit dans toute la France"), default=False)
    themes = models.ManyToManyField(
        "themes.Theme", verbose_name=_("thématiques"), blank=True, related_name="actors"
    )
    is_published = models.BooleanField(
        _("publié"), default=True, help_text=_("Seuls les acteurs publiés sont visibles.")
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, update_fields=None, **kwargs):
        adding = self._state.adding
        super().save(*args, update_fields=update_fields, **kwargs)
        # A published actor's name is in the search documents of its initiatives.
        if not adding and (update_fields is None or INDEXED_FIELDS.intersection(update_fields)):
            search_index.refresh_tagged("actor_ids", [self.pk])

    def delete(self, *args, **kwargs):
        initiatives = search_index.tagged("actor_ids", [self.pk])
        deleted = super().delete(*args, **kwargs)
        search_index.refresh(initiatives)
        return deleted

    def get_absolute_url(self):
        return reverse("actors:detail", args=[self.slug])


class Programme(models.Model):
    """A support scheme run by an actor: a fund, a call for projects, a prize."""

    actor = models.ForeignKey(
        Actor, verbose_name=_("acteur"), on_delete=models.CASCADE, related_name="programmes"
    )
    name = models.CharField(
        _("nom"), max_length=200, help_text=_("Exemple : Fonds d’Innovation Sociale (FISO).")
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("site web"), blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name
