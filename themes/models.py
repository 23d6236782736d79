import functools

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from carrefour import versions
from initiatives import search_index


def theme_url(slug):
    """The URL of the theme `slug` in the page's language."""
    return _theme_url(get_language(), slug)


# Every result card links its themes: a few dozen slugs, reversed once per
# language (English addresses start with /en/).
@functools.lru_cache(maxsize=512)
def _theme_url(language, slug):
    return reverse("themes:detail", args=[slug])


class TaxonomyQuerySet(models.QuerySet):
    """Themes or publics: every worker's catalogue (themes/catalogue.py) and the
    search index of their initiatives follow their writes."""

    def update(self, **kwargs):
        ids = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        indexed = ids if set(self.model.INDEXED_FIELDS).intersection(kwargs) else []
        taxonomy_changed(self.model.INDEX_COLUMN, indexed)
        return count

    def delete(self):
        column = self.model.INDEX_COLUMN
        initiatives = search_index.tagged(column, self.values_list("pk", flat=True))
        deleted = super().delete()
        taxonomy_changed(column, [], initiatives)
        return deleted

    delete.queryset_only = True


class ThemeQuerySet(TaxonomyQuerySet):
    def domains(self):
        return self.filter(parent__isnull=True)

    def subthemes(self):
        return self.filter(parent__isnull=False)


def taxonomy_changed(column, ids, initiatives=()):
    """Themes or publics `ids` changed (or were deleted, `initiatives` losing them):
    their names are in the initiatives' search documents, a domaine is in its
    thématiques' filters, and every worker reads the taxonomy (and the facets
    listing it) again."""
    search_index.refresh([*search_index.tagged(column, ids), *initiatives])
    search_index.directory_changed()
    versions.bump("taxonomy")


class TaxonomyModel(models.Model):
    """A theme or a public, saved or deleted one by one (as the admin does)."""

    # The column of the initiatives' search index holding these objects, and
    # the fields it copies from them.
    INDEX_COLUMN = None
    INDEXED_FIELDS = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        fields = self.INDEXED_FIELDS
        before = None
        if not self._state.adding:
            before = type(self).objects.filter(pk=self.pk).values_list(*fields).first()
        super().save(*args, **kwargs)
        changed = before is not None and before != tuple(getattr(self, f) for f in fields)
        taxonomy_changed(self.INDEX_COLUMN, [self.pk] if changed else [])

    def delete(self, *args, **kwargs):
        initiatives = search_index.tagged(self.INDEX_COLUMN, [self.pk])
        deleted = super().delete(*args, **kwargs)
        taxonomy_changed(self.INDEX_COLUMN, [], initiatives)
        return deleted


class Theme(TaxonomyModel):
    """A domaine (no parent) or a thématique inside a domaine."""

    name = models.CharField(_("nom"), max_length=100, help_text=_("Exemple : Mobilité."))
    slug = models.SlugField(_("identifiant d’URL"), max_length=100, unique=True)
    code = models.CharField(
        _("code"),
        max_length=3,
        blank=True,
        help_text=_("Code de la nomenclature d’origine. Exemple : MOB."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("domaine"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    objects = ThemeQuerySet.as_manager()

    INDEX_COLUMN = "theme_ids"
    # A domaine is in its thématiques' filters.
    INDEXED_FIELDS = ("name", "parent_id")

    class Meta:
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return theme_url(self.slug)

    @property
    def is_domain(self):
        return self.parent_id is None


class Public(TaxonomyModel):
    """A target group: seniors, jeunes, personnes en situation de handicap..."""

    name = models.CharField(_("nom"), max_length=100, help_text=_("Exemple : Seniors."))
    slug = models.SlugField(_("identifiant d’URL"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    objects = TaxonomyQuerySet.as_manager()

    INDEX_COLUMN = "public_ids"
    INDEXED_FIELDS = ("name",)

    class Meta:
        verbose_name = _("public")
        verbose_name_plural = _("publics")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name
