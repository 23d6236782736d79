from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.querysets import PROGRAMME_INDEXED_FIELDS, CallQuerySet, ProgrammeQuerySet
from carrefour import versions
from carrefour.numbers import thousands
from carrefour.search import CONFIG
from initiatives import search_index
from initiatives.choices import Stage, Structure

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
    """A support scheme run by one or more actors: a fund, a loan, a prize, an
    incubation programme. Its eligibility fields left empty mean "any"."""

    class Kind(models.TextChoices):
        GRANT = "subvention", _("subvention")
        LOAN = "pret", _("prêt")
        GUARANTEE = "garantie", _("garantie")
        INVESTMENT = "investissement", _("investissement")
        PATRONAGE = "mecenat", _("mécénat")
        PRIZE = "prix", _("prix ou concours")
        INCUBATION = "accompagnement", _("incubation ou accompagnement")
        NETWORK = "reseau", _("mise en réseau")

    name = models.CharField(
        _("nom"), max_length=200, help_text=_("Exemple : Fonds d’Innovation Sociale (FISO).")
    )
    slug = models.SlugField(_("identifiant d’URL"), max_length=200, unique=True)
    actors = models.ManyToManyField(
        Actor,
        verbose_name=_("porté par"),
        related_name="programmes",
        help_text=_("Les acteurs qui le financent ou le mènent. Exemple : Bpifrance."),
    )
    kind = models.CharField(_("type de soutien"), max_length=20, choices=Kind.choices)
    summary = models.CharField(
        _("en une phrase"),
        max_length=300,
        help_text=_("Exemple : Des prêts à taux zéro pour financer une innovation sociale."),
    )
    offer = models.TextField(
        _("ce qu’il apporte"),
        blank=True,
        help_text=_("En mots simples : montants, taux, durée, accompagnement…"),
    )
    description = models.TextField(_("description"), blank=True)
    amount_min = models.PositiveIntegerField(
        _("montant minimum (euros)"), null=True, blank=True, help_text=_("Exemple : 30000.")
    )
    amount_max = models.PositiveIntegerField(
        _("montant maximum (euros)"), null=True, blank=True, help_text=_("Exemple : 100000.")
    )
    rate = models.DecimalField(
        _("taux (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Pour un prêt. Exemple : 0 pour un prêt à taux zéro."),
    )
    duration_months = models.PositiveSmallIntegerField(
        _("durée (mois)"),
        null=True,
        blank=True,
        help_text=_("Durée du prêt ou de l’accompagnement. Exemple : 18."),
    )
    # Eligibility: empty means any.
    territories = models.ManyToManyField(
        "territories.Territory",
        verbose_name=_("territoires éligibles"),
        blank=True,
        related_name="programmes",
        help_text=_("Les initiatives situées ou agissant dans ces territoires. Vide : partout."),
    )
    is_national = models.BooleanField(_("ouvert dans toute la France"), default=False)
    themes = models.ManyToManyField(
        "themes.Theme",
        verbose_name=_("thématiques"),
        blank=True,
        related_name="programmes",
        help_text=_("Vide : toutes les thématiques."),
    )
    publics = models.ManyToManyField(
        "themes.Public",
        verbose_name=_("publics"),
        blank=True,
        related_name="programmes",
        help_text=_("Vide : tous les publics."),
    )
    stages = ArrayField(
        models.CharField(max_length=20, choices=Stage.choices),
        verbose_name=_("étapes"),
        default=list,
        blank=True,
        help_text=_("Vide : toutes les étapes."),
    )
    structure_types = ArrayField(
        models.CharField(max_length=24, choices=Structure.choices),
        verbose_name=_("types de structure"),
        default=list,
        blank=True,
        help_text=_("Vide : tous les types de structure."),
    )
    conditions = models.TextField(
        _("autres conditions"),
        blank=True,
        help_text=_("Exemple : avoir un premier financement bancaire ou des fonds propres."),
    )
    is_permanent = models.BooleanField(
        _("candidatures toute l’année"),
        default=False,
        help_text=_("Appel permanent ; sinon, les appels ont leurs dates."),
    )
    website = models.URLField(_("site web"), blank=True, help_text=_("Exemple : https://…"))
    is_published = models.BooleanField(
        _("publié"), default=True, help_text=_("Seuls les programmes publiés sont visibles.")
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    # ProgrammeQuerySet.search(): its own words, name first.
    document = models.GeneratedField(
        expression=SearchVector("name", weight="A", config=CONFIG)
        + SearchVector("summary", "offer", weight="B", config=CONFIG)
        + SearchVector("description", "conditions", weight="C", config=CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("document de recherche"),
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        indexes = [
            # ProgrammeQuerySet.search(): /programmes/?q= and the main search's block.
            GinIndex(fields=["document"], name="programme_document"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, update_fields=None, **kwargs):
        adding = self._state.adding
        super().save(*args, update_fields=update_fields, **kwargs)
        versions.bump("programmes")
        # A published programme's name is in the search documents of the
        # initiatives it supported.
        if not adding and (
            update_fields is None or PROGRAMME_INDEXED_FIELDS.intersection(update_fields)
        ):
            search_index.refresh(self.roles.values_list("initiative_id", flat=True))

    def delete(self, *args, **kwargs):
        initiatives = list(self.roles.values_list("initiative_id", flat=True))
        deleted = super().delete(*args, **kwargs)
        versions.bump("programmes")
        search_index.refresh(initiatives)
        return deleted

    def get_absolute_url(self):
        return reverse("programmes:detail", args=[self.slug])

    def figures(self):
        """What it offers in figures, as French phrases: "de 30 000 € à 100 000 €"."""
        phrases = []
        low, high = self.amount_min, self.amount_max
        if low is not None and high is not None and low != high:
            phrases.append(
                _("de %(low)s € à %(high)s €") % {"low": thousands(low), "high": thousands(high)}
            )
        elif high is not None:
            phrases.append(_("jusqu’à %(amount)s €") % {"amount": thousands(high)})
        elif low is not None:
            phrases.append(_("à partir de %(amount)s €") % {"amount": thousands(low)})
        if self.rate is not None:
            rate = f"{self.rate.normalize():f}".replace(".", ",")
            phrases.append(_("taux de %(rate)s %%") % {"rate": rate})
        if self.duration_months:
            phrases.append(_("sur %(months)s mois") % {"months": self.duration_months})
        return phrases

    def eligibility(self):
        """[(label, text), …]: who may apply, in words; reads its territories,
        thématiques and publics (prefetch them)."""
        places = [str(place) for place in self.territories.all()]
        if self.is_national:
            places = [str(_("toute la France"))]
        rows = [
            (_("Territoires"), ", ".join(places) or _("tous")),
            (_("Thématiques"), ", ".join(t.name for t in self.themes.all()) or _("toutes")),
            (_("Publics"), ", ".join(p.name for p in self.publics.all()) or _("tous")),
            (_("Étapes"), ", ".join(str(Stage(s).label) for s in self.stages) or _("toutes")),
            (
                _("Structures"),
                ", ".join(str(Structure(s).label) for s in self.structure_types) or _("toutes"),
            ),
        ]
        if self.conditions:
            rows.append((_("Autres conditions"), self.conditions))
        return rows


class Call(models.Model):
    """A call for applications of a programme, with its dates."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="calls"
    )
    name = models.CharField(
        _("nom"), max_length=200, help_text=_("Exemple : Appel à projets 2027.")
    )
    opens_on = models.DateField(
        _("ouverture"), null=True, blank=True, help_text=_("Vide : déjà ouvert.")
    )
    closes_on = models.DateField(_("clôture"), help_text=_("Dernier jour pour candidater."))
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("page de l’appel"), blank=True, help_text=_("Exemple : https://…"))
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("appel")
        verbose_name_plural = _("appels")
        ordering = ["-closes_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_on__isnull=True)
                | models.Q(opens_on__lte=models.F("closes_on")),
                name="call_opens_before_closing",
                violation_error_message=_("L’appel doit ouvrir avant sa clôture."),
            )
        ]
        indexes = [
            # CallQuerySet.open_on() and ProgrammeQuerySet.open_on(): calls open today.
            models.Index(fields=["closes_on", "programme"], name="call_closing"),
        ]

    def __str__(self):
        return self.name

    def status(self, today=None):
        """ "open", "upcoming" or "closed" on `today`."""
        today = today or timezone.localdate()
        if self.closes_on < today:
            return "closed"
        if self.opens_on and self.opens_on > today:
            return "upcoming"
        return "open"
