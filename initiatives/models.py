from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives import search_index
from initiatives.choices import Stage, Structure
from initiatives.labels import award_title
from initiatives.querysets import (
    HUNDRED_AND_TWENTY_EIGHTH_BELOW,
    INDEXED_FIELDS,
    SIXTEENTH_BELOW,
    AwardQuerySet,
    InitiativeActorQuerySet,
    InitiativeQuerySet,
    LabelQuerySet,
    ShuffleKey,
    SiteQuerySet,
    in_sample,
)

# What a verification writes (Initiative.mark_verified()).
FRESHNESS_FIELDS = ["verified_at", "reminders_sent", "reminded_at", "to_verify_since"]


class Initiative(models.Model):
    """A social innovation: a local answer to an unmet social or ecological need."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        PENDING = "pending", _("en attente de modération")
        PUBLISHED = "published", _("publiée")
        REJECTED = "rejected", _("refusée")
        ARCHIVED = "archived", _("archivée")

    Stage = Stage
    Structure = Structure

    name = models.CharField(_("nom"), max_length=200, help_text=_("Exemple : Wimoov."))
    slug = models.SlugField(_("identifiant d’URL"), max_length=220, unique=True)
    summary = models.CharField(
        _("résumé"),
        max_length=400,
        help_text=_("Une ou deux phrases. Exemple : Des plateformes de mobilité pour…"),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Contexte, besoin, solution.")
    )
    innovation = models.TextField(
        _("ce qui la rend innovante"),
        blank=True,
        help_text=_("Technologie, territoire, méthode, gouvernance…"),
    )
    themes = models.ManyToManyField(
        "themes.Theme", verbose_name=_("thématiques"), blank=True, related_name="initiatives"
    )
    publics = models.ManyToManyField(
        "themes.Public", verbose_name=_("publics"), blank=True, related_name="initiatives"
    )
    stage = models.CharField(
        _("étape"), max_length=20, choices=Stage.choices, default=Stage.EXPERIMENTATION
    )
    structure_type = models.CharField(
        _("type de structure"), max_length=24, choices=Structure.choices, blank=True
    )
    year_started = models.PositiveSmallIntegerField(
        _("année de création"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Exemple : 2016."),
    )
    # The main site (the first of `sites`), copied here by the search index's
    # refresh (search_index.py) whenever a site changes: cards, the similar
    # initiatives and the fiche read it without a join.
    address = models.CharField(
        _("adresse"), max_length=300, blank=True, editable=False, help_text=_("Du lieu principal.")
    )
    commune = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="located_initiatives",
        limit_choices_to={"kind": "commune"},
        help_text=_("Du lieu principal."),
    )
    point = models.PointField(
        _("position"),
        srid=4326,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Du lieu principal."),
        # Its spatial index is the named one of Meta.indexes, which a large
        # generation drops and builds once at the end.
        spatial_index=False,
    )
    territories = models.ManyToManyField(
        "territories.Territory",
        verbose_name=_("territoires d’action"),
        blank=True,
        related_name="initiatives",
        help_text=_("Communes, intercommunalités, départements ou régions où elle agit."),
    )
    is_national = models.BooleanField(_("agit dans toute la France"), default=False)
    website = models.URLField(_("site web"), blank=True, help_text=_("Exemple : https://…"))
    contact_name = models.CharField(
        _("personne à contacter (privé)"),
        max_length=200,
        blank=True,
        help_text=_("Jamais affiché. Exemple : Camille Martin, coordinatrice."),
    )
    contact_email = models.EmailField(
        _("email de contact (privé)"),
        blank=True,
        help_text=_("Jamais affiché : les demandes de contact y sont transmises."),
    )
    carrier = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("structure porteuse"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_initiatives",
    )
    actors = models.ManyToManyField(
        "actors.Actor",
        verbose_name=_("acteurs"),
        through="InitiativeActor",
        blank=True,
        related_name="initiatives",
    )
    holders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("porteurs"),
        blank=True,
        related_name="held_initiatives",
        help_text=_("Comptes qui gèrent cette fiche et reçoivent ses demandes de contact."),
    )
    image = models.ImageField(
        _("image ou logo"),
        upload_to="initiatives/",
        blank=True,
        help_text=_("Ré-encodée sans ses métadonnées, sous un nom généré."),
    )
    source_name = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Exemple : Avise.")
    )
    source_url = models.URLField(_("adresse de la source"), blank=True)
    external_id = models.CharField(_("identifiant à la source"), max_length=100, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    is_fictitious = models.BooleanField(
        _("exemple fictif"),
        default=False,
        help_text=_("Initiative inventée pour les essais de charge."),
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    submitted_at = models.DateTimeField(
        _("envoyée en relecture le"), null=True, blank=True, editable=False
    )
    # Freshness (freshness/): its last verification (a holder's answer to the
    # yearly reminder, an approved edit of a holder, a moderator, or the update
    # date of a source that lists it) and where its reminders stand.
    verified_at = models.DateTimeField(_("vérifiée le"), null=True, blank=True, editable=False)
    reminders_sent = models.PositiveSmallIntegerField(
        _("rappels envoyés"),
        default=0,
        editable=False,
        help_text=_("« Toujours d’actualité ? » envoyés depuis sa dernière vérification."),
    )
    reminded_at = models.DateTimeField(
        _("dernier rappel le"), null=True, blank=True, editable=False
    )
    to_verify_since = models.DateTimeField(
        _("à vérifier depuis"), null=True, blank=True, editable=False
    )
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True, editable=False)

    # The search index, filled by initiatives/search_index.py from the fields
    # above (INDEXED_FIELDS) and the relations, on every save.
    document = SearchVectorField(_("document de recherche"), null=True, editable=False)
    headline = SearchVectorField(_("document de classement"), null=True, editable=False)
    theme_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    public_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    actor_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    action_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    area_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    # Every facet value in one array: see initiatives/facet_keys.py.
    facet_keys = ArrayField(models.BigIntegerField(), default=list, editable=False)
    # What a card shows to say it is serious, read with its other columns:
    # {"awards": [[name, year], …], "sources": [name of a partner listing it, …]}.
    credentials = models.JSONField(default=dict, editable=False)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name"]
        indexes = [
            # InitiativeQuerySet.search(): full-text match on published initiatives.
            GinIndex(
                fields=["document"],
                name="initiative_document",
                condition=models.Q(status="published"),
            ),
            # The pertinence of a search ranks the newest matches in a name or
            # summary (directory/statement.py): found here when they are few.
            GinIndex(
                fields=["headline"],
                name="initiative_headline",
                condition=models.Q(status="published"),
            ),
            # The filters' indexes cover every status: PostgreSQL combines (ANDs)
            # the bitmaps of two partial indexes only if their conditions differ,
            # so with the status in each, a search, a theme and a territory were
            # filtered on the rows of one of them (3,900 rows read for the 465
            # initiatives on insertion acting in Grenoble, at 100,000).
            # InitiativeQuerySet.with_themes() and the theme facet.
            GinIndex(fields=["theme_ids"], name="initiative_themes"),
            # InitiativeQuerySet.for_publics().
            GinIndex(fields=["public_ids"], name="initiative_publics"),
            # InitiativeQuerySet.supported_by().
            GinIndex(fields=["actor_ids"], name="initiative_actors"),
            # InitiativeQuerySet.in_territory(): located or acting inside a territory.
            GinIndex(fields=["area_ids"], name="initiative_areas"),
            # InitiativeQuerySet.in_territory(): acting on a territory containing it.
            GinIndex(fields=["action_ids"], name="initiative_actions"),
            # InitiativeQuerySet.ordered_by("recent"), the home page; the point
            # lets the national map read this index alone (initiatives/directory/maps.py).
            models.Index(
                fields=["-published_at", "-id"],
                name="initiative_recent",
                include=["point"],
                condition=models.Q(status="published"),
            ),
            # InitiativeQuerySet.ordered_by("nom") of the whole directory
            # (results.unfiltered_results()).
            models.Index(
                fields=["name", "id"],
                name="initiative_name",
                condition=models.Q(status="published"),
            ),
            # InitiativeQuerySet.in_territory(): initiatives acting on all of France,
            # combined with the two array indexes above.
            models.Index(
                fields=["id"], name="initiative_national", condition=models.Q(is_national=True)
            ),
            # InitiativeQuerySet.ordered_by("hasard"): a page read in the order of the
            # shuffle key from the day's start (directory/statement.py).
            models.Index(
                ShuffleKey(),
                F("id"),
                name="initiative_shuffle",
                condition=models.Q(status="published"),
            ),
            # Proximity, similar initiatives and the map.
            GistIndex(fields=["point"], name="initiative_point"),
            # The map's estimate of a search that finds too many sites to read:
            # the matches among a sixteenth, or a 128th, of the directory
            # (directory/map_sample.py).
            GinIndex(
                fields=["document"],
                name="initiative_sample",
                condition=models.Q(in_sample(SIXTEENTH_BELOW), status="published"),
            ),
            GinIndex(
                fields=["document"],
                name="initiative_sample_small",
                condition=models.Q(in_sample(HUNDRED_AND_TWENTY_EIGHTH_BELOW), status="published"),
            ),
            # The moderators' queue of fiches to verify (freshness.admin) and the
            # archiving of those left unverified (freshness.schedule).
            models.Index(
                fields=["to_verify_since"],
                name="initiative_to_verify",
                condition=models.Q(status="published", to_verify_since__isnull=False),
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def from_db(cls, db, field_names, values):
        initiative = super().from_db(db, field_names, values)
        # To tell, when it is saved, whether it leaves the published directory.
        initiative._stored_status = initiative.__dict__.get("status")
        return initiative

    def save(self, *args, update_fields=None, **kwargs):
        super().save(*args, update_fields=update_fields, **kwargs)
        # Its relations are refreshed by their own writes (InitiativesConfig.ready()).
        if update_fields is None or INDEXED_FIELDS.intersection(update_fields):
            search_index.refresh([self.pk])
        if self._left_the_directory():
            search_index.directory_changed()
        self._stored_status = self.status

    def delete(self, *args, **kwargs):
        published = self._was_published()
        # Withdrawn from the map's counts only if it is deleted.
        with transaction.atomic():
            search_index.forget([self.pk])
            deleted = super().delete(*args, **kwargs)
        if published:
            search_index.directory_changed()
        return deleted

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.slug])

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def _was_published(self):
        """Published as last read or written (or now), so counted in the directory."""
        published = self.Status.PUBLISHED
        return published in (getattr(self, "_stored_status", None), self.status)

    def _left_the_directory(self):
        return self.status != self.Status.PUBLISHED and self._was_published()

    @property
    def is_proposal(self):
        """Never published yet (draft, sent for review or refused): its holders may delete it."""
        return self.status in (self.Status.DRAFT, self.Status.PENDING, self.Status.REJECTED)

    def publish(self):
        self.status = self.Status.PUBLISHED
        if self.published_at is None:
            self.published_at = timezone.now()
        self.save(update_fields=["status", "published_at", "updated_at"])

    def submit(self):
        """Send to the moderators' queue; nothing is public before they approve."""
        self.status = self.Status.PENDING
        self.submitted_at = timezone.now()
        self.save(update_fields=["status", "submitted_at", "updated_at"])

    def reject(self):
        self.status = self.Status.REJECTED
        self.save(update_fields=["status", "updated_at"])

    def return_to_draft(self):
        self.status = self.Status.DRAFT
        self.save(update_fields=["status", "updated_at"])

    def archive(self, now=None):
        """Out of every public list, its URL saying so; never deleted."""
        self.status = self.Status.ARCHIVED
        self.archived_at = now or timezone.now()
        self.save(update_fields=["status", "archived_at", "updated_at"])

    def restore(self, now=None):
        """Back in the directory, as a moderator checked it: verified now."""
        self.status = self.Status.PUBLISHED
        self.archived_at = None
        if self.published_at is None:
            self.published_at = now or timezone.now()
        self.save(update_fields=["status", "archived_at", "published_at", "updated_at"])
        self.mark_verified(now)

    @property
    def is_to_verify(self):
        return self.to_verify_since is not None

    @property
    def fresh_since(self):
        """From when its yearly reminder counts: its last verification, else its publication."""
        return self.verified_at or self.published_at or self.created_at

    def mark_verified(self, at=None):
        """Still current at `at` (now): its reminders start again from then.
        An older date than its last verification changes nothing."""
        at = at or timezone.now()
        if self.verified_at is not None and self.verified_at >= at:
            return False
        self.verified_at = at
        self.reminders_sent, self.reminded_at, self.to_verify_since = 0, None, None
        self.save(update_fields=FRESHNESS_FIELDS)
        return True

    def locate(self, *, commune=None, point=None, address=""):
        """Set its main site (the first one), as the submission form gives it: the
        other sites stay. Without any place, the main site is removed."""
        site = self.sites.first()
        if commune is None and point is None and not address:
            if site is not None:
                site.delete()
            return None
        site = site or Site(initiative=self, position=0)
        site.commune, site.point, site.address = commune, point, address
        site.save()
        # The copy the index keeps, right at once in memory too.
        self.commune, self.point, self.address = site.commune, site.point, site.address
        return site


class Site(models.Model):
    """A place where an initiative is present: a platform, an antenna, a shop.
    The first one (by `position`) is its main site."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="sites",
        db_index=False,  # the index site_initiative starts with it
    )
    name = models.CharField(
        _("nom du lieu"),
        max_length=200,
        blank=True,
        help_text=_("Facultatif. Exemple : Plateforme de Grenoble."),
    )
    address = models.CharField(
        _("adresse"), max_length=300, blank=True, help_text=_("Exemple : 12 rue Mainssieux.")
    )
    commune = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sites",
        limit_choices_to={"kind": "commune"},
    )
    point = models.PointField(
        _("position"),
        srid=4326,
        null=True,
        blank=True,
        help_text=_("Sans position, le lieu est placé au centre de sa commune."),
        # Its spatial index is the named one of Meta.indexes.
        spatial_index=False,
    )
    position = models.PositiveSmallIntegerField(
        _("ordre"), default=0, help_text=_("Le premier lieu est le lieu principal. Exemple : 0.")
    )

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["position", "id"]
        indexes = [
            # InitiativeQuerySet.near() and the map (directory/maps.py): the sites
            # around a place, or inside a viewport.
            GistIndex(fields=["point"], name="site_point"),
            # The main site, copied onto its initiative (search_index.py), and
            # the nearest site of each initiative (InitiativeQuerySet.near()).
            models.Index(fields=["initiative", "position", "id"], name="site_initiative"),
        ]

    def __str__(self):
        place = self.commune.name if self.commune_id else self.address
        return f"{self.name} ({place})" if self.name and place else self.name or place

    def save(self, *args, **kwargs):
        if self.point is None and self.commune is not None:
            self.point = self.commune.point
        super().save(*args, **kwargs)
        # Its initiative's areas, place names and main site.
        search_index.refresh([self.initiative_id])

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        search_index.refresh([self.initiative_id])
        return deleted


class InitiativeActor(models.Model):
    """An actor's role in an initiative: funder, support, partner..."""

    class Role(models.TextChoices):
        FUNDER = "financeur", _("financeur")
        SUPPORT = "accompagnateur", _("accompagnateur")
        PARTNER = "partenaire", _("partenaire")
        COLLECTIVITE = "collectivite-partenaire", _("collectivité partenaire")

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="roles"
    )
    actor = models.ForeignKey(
        "actors.Actor", verbose_name=_("acteur"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("rôle"), max_length=24, choices=Role.choices)
    programme = models.ForeignKey(
        "actors.Programme",
        verbose_name=_("programme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roles",
        help_text=_("Exemple : FISO."),
    )
    year = models.PositiveSmallIntegerField(
        _("année du soutien"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Facultatif. Exemple : 2021."),
    )

    objects = InitiativeActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("rôle d’un acteur")
        verbose_name_plural = _("rôles des acteurs")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "actor", "role"], name="initiative_actor_unique_role"
            )
        ]

    def __str__(self):
        return f"{self.actor} ({self.get_role_display()})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        search_index.refresh([self.initiative_id])

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        search_index.refresh([self.initiative_id])
        return deleted


class Label(models.Model):
    """A label or prize as the directory filters on it (`label=`): the awards
    of the same name whatever their wording or year (initiatives/labels.py)."""

    name = models.CharField(_("nom"), max_length=200, help_text=_("Exemple : La France s’engage."))
    slug = models.SlugField(
        _("identifiant d’URL"),
        max_length=220,
        unique=True,
        help_text=_("La valeur du filtre label=. Exemple : la-france-s-engage."),
    )

    objects = LabelQuerySet.as_manager()

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The directory's cached facets name the labels.
        search_index.directory_changed()

    def get_absolute_url(self):
        return reverse("initiatives:list") + f"?label={self.slug}"


class Award(models.Model):
    """A label, prize or award the initiative received."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="awards"
    )
    name = models.CharField(
        _("nom"), max_length=200, help_text=_("Exemple : Lauréat La France s’engage.")
    )
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)
    # Set from the name on every write (AwardQuerySet.with_labels()).
    label = models.ForeignKey(
        Label,
        verbose_name=_("label"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="awards",
    )

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("label ou prix")
        verbose_name_plural = _("labels et prix")
        ordering = ["-year", "name"]

    def __str__(self):
        return f"{self.name} ({self.year})" if self.year else self.name

    @property
    def title(self):
        """As cards and the fiche name it: "Lauréat La France s’engage 2016"."""
        return award_title(self.name, self.year)

    def save(self, *args, **kwargs):
        type(self).objects.with_labels([self])
        super().save(*args, **kwargs)
        # Its initiative's label facet and card.
        search_index.refresh([self.initiative_id])

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        search_index.refresh([self.initiative_id])
        return deleted


class Indicator(models.Model):
    """A measured impact: a label, a value, a unit and the year of the measure."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    label = models.CharField(
        _("indicateur"), max_length=200, help_text=_("Exemple : plateformes de mobilité.")
    )
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    unit = models.CharField(
        _("unité"), max_length=50, blank=True, help_text=_("Exemple : personnes.")
    )
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicateur d’impact")
        verbose_name_plural = _("indicateurs d’impact")
        ordering = ["-year", "label"]

    def __str__(self):
        return f"{self.label} : {self.value} {self.unit}".strip()


class SearchTerm(models.Model):
    """A word of the published directory, to correct typos in searches."""

    word = models.CharField(_("mot"), max_length=100, primary_key=True)
    documents = models.PositiveIntegerField(_("nombre de fiches"), default=0)

    class Meta:
        verbose_name = _("mot de l’index")
        verbose_name_plural = _("mots de l’index")
        indexes = [
            # carrefour.search.correct(): nearest words of a misspelled one.
            GinIndex(fields=["word"], name="searchterm_trigram", opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self):
        return self.word


class MapCell(models.Model):
    """The sites of published initiatives in one cell of the map's finest grid,
    for one theme or all (initiatives/map_cells.py): the grouped views of the
    map add them up instead of reading every site."""

    theme_id = models.BigIntegerField(_("thème"), help_text=_("0 : toutes les thématiques."))
    x = models.IntegerField(_("colonne"))
    y = models.IntegerField(_("ligne"))
    sites = models.IntegerField(_("lieux"), default=0)
    initiatives = models.IntegerField(
        _("initiatives"), default=0, help_text=_("Celles dont c’est le premier lieu.")
    )
    sum_x = models.FloatField(_("somme des longitudes"), default=0)
    sum_y = models.FloatField(_("somme des latitudes"), default=0)

    class Meta:
        verbose_name = _("case de la carte")
        verbose_name_plural = _("cases de la carte")
        constraints = [
            # The cells of a viewport, for a theme (directory/map_summary.py),
            # and the upsert of the write path (map_cells.REFRESH_SQL).
            # With the counts, for a scan of the index alone.
            models.UniqueConstraint(
                fields=["theme_id", "x", "y"],
                include=["sites", "initiatives", "sum_x", "sum_y"],
                name="mapcell_unique_cell",
            ),
        ]

    def __str__(self):
        return f"{self.theme_id} ({self.x}, {self.y}) : {self.sites}"


class MapContribution(models.Model):
    """What a published initiative adds to the map's cells (its sites with a
    position, its themes), as last added: its next refresh adds the difference."""

    initiative = models.OneToOneField(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="map_contribution",
    )
    sites = models.MultiPointField(_("lieux"), srid=4326)
    theme_ids = ArrayField(models.BigIntegerField(), default=list)

    class Meta:
        verbose_name = _("contribution à la carte")
        verbose_name_plural = _("contributions à la carte")

    def __str__(self):
        return str(self.initiative_id)
