"""Partners that list initiatives (sources), which initiatives each lists, and
how their own tags translate into our thématiques and publics."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives import search_index
from sources.crosswalk import Crosswalk, normalize_tag


def export_storage():
    # A partner's export may hold private emails: it is kept out of MEDIA_ROOT,
    # which the web server serves to anyone.
    return FileSystemStorage(location=settings.SOURCE_EXPORTS_ROOT, base_url=None)


class SourceQuerySet(models.QuerySet):
    def with_published_counts(self):
        """Annotated with `published_count`: the published initiatives each still
        lists (as the `source` facet counts them), in the same query."""
        listed = (
            SourceListing.objects.filter(
                source=OuterRef("pk"), still_listed=True, initiative__status="published"
            )
            .order_by()
            .values("source")
            .annotate(count=Count("initiative", distinct=True))
            .values("count")
        )
        return self.annotate(published_count=Coalesce(Subquery(listed), 0))

    def with_listed_counts(self):
        """Annotated with `listed_count`: the initiatives each still lists, whatever
        their status (the admin's list)."""
        listed = (
            SourceListing.objects.filter(source=OuterRef("pk"), still_listed=True)
            .order_by()
            .values("source")
            .annotate(count=Count("initiative", distinct=True))
            .values("count")
        )
        return self.annotate(listed_count=Coalesce(Subquery(listed), 0))

    def with_unmapped_counts(self):
        """Annotated with `unmapped_count`: its tags that map to nothing yet."""
        unmapped = (
            SourceTag.objects.filter(source=OuterRef("pk"))
            .unmapped()
            .order_by()
            .values("source")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(unmapped_count=Coalesce(Subquery(unmapped), 0))

    def delete(self):
        initiatives = list(
            SourceListing.objects.filter(source__in=self).values_list("initiative_id", flat=True)
        )
        deleted = super().delete()
        search_index.refresh(initiatives)
        return deleted

    delete.queryset_only = True


class Source(models.Model):
    """A partner (foundation, network, public programme) that lists initiatives
    and vouches for them, and how its export is read."""

    class Trust(models.TextChoices):
        PUBLISH = "publier", _("publier directement")
        MODERATE = "moderer", _("envoyer en modération")

    class Format(models.TextChoices):
        CIS_CSV = "cis-csv", _("CSV des partenaires du Carrefour d’origine (cis-csv)")
        GOGOCARTO_JSON = "gogocarto-json", _("JSON d’une carte GoGoCarto (gogocarto-json)")
        CARREFOUR_CSV = "carrefour-csv", _("CSV de cet annuaire (carrefour-csv)")
        CARREFOUR_JSON = "carrefour-json", _("JSON de cet annuaire (carrefour-json)")

    class Outcome(models.TextChoices):
        SUCCESS = "reussie", _("réussie")
        WARNINGS = "avec-alertes", _("réussie avec des alertes")
        FAILED = "echec", _("échec")

    name = models.CharField(
        _("nom"), max_length=200, help_text=_("Exemple : Fondation La France s’engage.")
    )
    slug = models.SlugField(
        _("identifiant d’URL"),
        max_length=200,
        unique=True,
        help_text=_(
            "Dans l’adresse de sa page et le filtre source=. Exemple : la-france-s-engage."
        ),
    )
    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("acteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sources",
        help_text=_("L’acteur de l’annuaire qu’est ce partenaire. Exemple : Fondation MACIF."),
    )
    website = models.URLField(
        _("site web"), blank=True, help_text=_("Exemple : https://www.fondation.org")
    )
    logo_url = models.URLField(
        _("adresse du logo"),
        blank=True,
        help_text=_(
            "Image publiée par le partenaire. Exemple : https://www.fondation.org/logo.png"
        ),
    )
    licence = models.CharField(
        _("licence des données"),
        max_length=200,
        blank=True,
        help_text=_("Exemple : Licence Ouverte 2.0."),
    )
    licence_url = models.URLField(
        _("adresse de la licence"),
        blank=True,
        help_text=_("Exemple : https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
    )
    trust = models.CharField(
        _("confiance"),
        max_length=10,
        choices=Trust.choices,
        default=Trust.MODERATE,
        help_text=_(
            "« Publier directement » pour un partenaire qui se porte garant de ses projets ; "
            "sinon ses nouvelles fiches attendent les modérateurs."
        ),
    )
    format = models.CharField(
        _("format de l’export"),
        max_length=20,
        choices=Format.choices,
        help_text=_("Exemple : cis-csv pour un export du Carrefour d’origine."),
    )
    export_url = models.URLField(
        _("adresse de l’export"),
        blank=True,
        help_text=_("Relue à chaque importation. Exemple : https://www.fondation.org/projets.csv"),
    )
    export_file = models.FileField(
        _("fichier de l’export"),
        storage=export_storage,
        upload_to="exports/",
        blank=True,
        help_text=_("À défaut d’adresse : le fichier envoyé par le partenaire. Jamais publié."),
    )
    refresh_days = models.PositiveSmallIntegerField(
        _("fréquence de mise à jour (jours)"),
        null=True,
        blank=True,
        help_text=_("Exemple : 7 pour chaque semaine. Vide : seulement à la main."),
    )
    last_run_at = models.DateTimeField(
        _("dernière importation le"),
        null=True,
        blank=True,
        help_text=_("Écrite par chaque importation. Exemple : 4 décembre 2026 à 3 h 00."),
    )
    last_run_status = models.CharField(
        _("résultat de la dernière importation"),
        max_length=20,
        choices=Outcome.choices,
        blank=True,
        help_text=_("Exemple : réussie avec des alertes."),
    )
    last_run_summary = models.TextField(
        _("résumé de la dernière importation"),
        blank=True,
        help_text=_("Exemple : 12 créées, 3 mises à jour, 140 inchangées, 2 refusées."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source partenaire")
        verbose_name_plural = _("sources partenaires")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def from_db(cls, db, field_names, values):
        source = super().from_db(db, field_names, values)
        source._shown = (source.__dict__.get("name"), source.__dict__.get("slug"))
        return source

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The directory's cached facets name the sources and link to their slugs.
        shown = (self.name, self.slug)
        if getattr(self, "_shown", shown) != shown:
            search_index.directory_changed()
            # Cards name the sources listing them (Initiative.credentials).
            search_index.refresh(self.listings.values_list("initiative_id", flat=True))
        self._shown = shown

    def clean(self):
        if self.export_url and self.export_file:
            raise ValidationError(
                _("Donnez une adresse ou un fichier d’export, pas les deux."), code="two_exports"
            )

    def delete(self, *args, **kwargs):
        initiatives = list(self.listings.values_list("initiative_id", flat=True))
        deleted = super().delete(*args, **kwargs)
        # Its listings are gone: so is its facet on their initiatives.
        search_index.refresh(initiatives)
        return deleted

    def get_absolute_url(self):
        return reverse("sources:detail", args=[self.slug])

    def is_due(self, now=None):
        """Whether its export should be imported again (`manage.py refresh_sources`)."""
        if not self.refresh_days:
            return False
        if self.last_run_at is None:
            return True
        now = now or timezone.now()
        return self.last_run_at + datetime.timedelta(days=self.refresh_days) <= now

    def crosswalk(self):
        """Its tag crosswalk, read once, to apply to every row of an import."""
        return Crosswalk(self.tags.prefetch_related("themes", "publics"))


class SourceListingQuerySet(models.QuerySet):
    """Listings: their initiatives' index has a facet key per source listing them."""

    def current(self):
        """Listings the source's last import still had."""
        return self.filter(still_listed=True)

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        search_index.refresh(listing.initiative_id for listing in created)
        return created

    def update(self, **kwargs):
        if not INDEXED_LISTING_FIELDS.intersection(kwargs):
            return super().update(**kwargs)
        ids = list(self.values_list("initiative_id", flat=True))
        moved_to = kwargs.get("initiative_id", kwargs.get("initiative"))
        count = super().update(**kwargs)
        search_index.refresh([*ids, *([getattr(moved_to, "pk", moved_to)] if moved_to else [])])
        return count

    def delete(self):
        ids = list(self.values_list("initiative_id", flat=True))
        deleted = super().delete()
        search_index.refresh(ids)
        return deleted

    delete.queryset_only = True


# What the initiatives' search index reads of a listing (the `source` facet).
INDEXED_LISTING_FIELDS = frozenset(
    {"initiative", "initiative_id", "source", "source_id", "still_listed"}
)


class SourceListing(models.Model):
    """An initiative as one source lists it: one fiche may be listed by several."""

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="listings",
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="listings"
    )
    identifier = models.CharField(
        _("identifiant à la source"),
        max_length=200,
        help_text=_("Tel que la source l’écrit, unique pour elle. Exemple : 4512."),
    )
    page_url = models.URLField(
        _("page à la source"),
        max_length=500,
        blank=True,
        help_text=_("La fiche de l’initiative sur le site du partenaire. Exemple : https://…"),
    )
    source_updated_at = models.DateField(
        _("mise à jour par la source le"),
        null=True,
        blank=True,
        help_text=_("Date de la dernière mise à jour donnée par la source. Exemple : 2024-03-12."),
    )
    imported_values = models.JSONField(
        _("dernières valeurs importées"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "Ce que la dernière importation a écrit ou proposé pour la fiche : une fiche "
            "qui en diffère a été modifiée sur le site, et l’import ne l’écrase pas."
        ),
    )
    still_listed = models.BooleanField(
        _("encore listée"),
        default=True,
        help_text=_("Décoché : la dernière importation ne la contenait plus."),
    )
    first_seen_at = models.DateTimeField(
        _("vue la première fois le"),
        default=timezone.now,
        help_text=_("Par la première importation qui l’a lue. Exemple : 4 mars 2024."),
    )
    last_seen_at = models.DateTimeField(
        _("vue la dernière fois le"),
        default=timezone.now,
        help_text=_("Par la dernière importation qui l’a lue. Exemple : 4 décembre 2026."),
    )

    objects = SourceListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("référencement par une source")
        verbose_name_plural = _("référencements par des sources")
        ordering = ["source__name", "identifier"]
        constraints = [
            # An import finds again what it imported by its identifier at the source.
            models.UniqueConstraint(
                fields=["source", "identifier"], name="sourcelisting_unique_identifier"
            )
        ]
        indexes = [
            # InitiativeQuerySet.listed_by() and the counts of the sources' pages.
            models.Index(
                fields=["source", "initiative"],
                name="sourcelisting_listed",
                condition=Q(still_listed=True),
            ),
        ]

    def __str__(self):
        return f"{self.source} : {self.identifier}"

    @classmethod
    def from_db(cls, db, field_names, values):
        listing = super().from_db(db, field_names, values)
        listing._indexed = listing._indexed_values()
        listing._updated_at = listing.__dict__.get("source_updated_at")
        return listing

    def save(self, *args, **kwargs):
        before = getattr(self, "_indexed", None)
        super().save(*args, **kwargs)
        after = self._indexed_values()
        # An import saves every listing it sees again (last_seen_at): only a
        # change of what the facet reads refreshes the initiatives concerned.
        if before != after:
            search_index.refresh({self.initiative_id, *([before[0]] if before else [])})
        self._indexed = after
        # A fiche the source updated counts as verified then (freshness).
        if self.source_updated_at and self.source_updated_at != getattr(self, "_updated_at", None):
            initiatives = self._meta.get_field("initiative").related_model.objects
            initiatives.filter(pk=self.initiative_id).take_freshness_from_sources()
        self._updated_at = self.source_updated_at

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        search_index.refresh([self.initiative_id])
        return deleted

    @property
    def public_page_url(self):
        """The page at the source, if it is a web address (an import may write anything)."""
        return self.page_url if urlsplit(self.page_url).scheme in ("http", "https") else ""

    def _indexed_values(self):
        return (self.initiative_id, self.source_id, self.still_listed)


class SourceTagQuerySet(models.QuerySet):
    def unmapped(self):
        """Tags that map to no thématique and no public, and are not set aside."""
        themes = SourceTag.themes.through.objects.filter(sourcetag_id=OuterRef("pk"))
        publics = SourceTag.publics.through.objects.filter(sourcetag_id=OuterRef("pk"))
        return self.filter(~Exists(themes), ~Exists(publics), is_ignored=False)

    def with_mapping_state(self):
        """Annotated with `is_unmapped`, to list those first."""
        themes = SourceTag.themes.through.objects.filter(sourcetag_id=OuterRef("pk"))
        publics = SourceTag.publics.through.objects.filter(sourcetag_id=OuterRef("pk"))
        unmapped = models.ExpressionWrapper(
            ~Exists(themes) & ~Exists(publics) & Q(is_ignored=False),
            output_field=models.BooleanField(),
        )
        return self.annotate(is_unmapped=unmapped)


class SourceTag(models.Model):
    """One tag or code of a source, and the thématiques and publics it means here."""

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="tags"
    )
    code = models.CharField(
        _("tag ou code"),
        max_length=200,
        help_text=_("Tel que la source l’écrit (casse et espaces ignorés). Exemple : MOB."),
    )
    label = models.CharField(
        _("libellé"), max_length=200, blank=True, help_text=_("Exemple : Mobilité.")
    )
    themes = models.ManyToManyField(
        "themes.Theme",
        verbose_name=_("thématiques"),
        blank=True,
        related_name="source_tags",
        help_text=_("Exemple : Mobilité."),
    )
    publics = models.ManyToManyField(
        "themes.Public",
        verbose_name=_("publics"),
        blank=True,
        related_name="source_tags",
        help_text=_("Exemple : Seniors."),
    )
    is_ignored = models.BooleanField(
        _("sans objet"),
        default=False,
        help_text=_("Un tag qui ne dit rien du sujet (exemple : « Lauréats 2019 »)."),
    )
    last_seen_at = models.DateTimeField(
        _("vu la dernière fois le"),
        null=True,
        blank=True,
        help_text=_("Par la dernière importation qui l’a lu. Exemple : 4 décembre 2026."),
    )
    rows_count = models.PositiveIntegerField(
        _("lignes"),
        default=0,
        help_text=_("Lignes de la dernière importation qui le portaient. Exemple : 42."),
    )

    objects = SourceTagQuerySet.as_manager()

    class Meta:
        verbose_name = _("correspondance d’un tag")
        verbose_name_plural = _("correspondances des tags")
        ordering = ["source", "code"]
        constraints = [
            # Case and stray spaces aside, a tag means one thing (Crosswalk).
            models.UniqueConstraint(
                F("source"),
                Lower("code"),
                name="sourcetag_unique_code",
                violation_error_message=_("Cette source a déjà ce tag."),
            )
        ]

    def __str__(self):
        return f"{self.code} ({self.label})" if self.label else self.code

    def save(self, *args, **kwargs):
        self.code = normalize_tag(self.code, keep_case=True)
        super().save(*args, **kwargs)
