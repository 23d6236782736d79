import functools

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@functools.lru_cache(maxsize=256)
def theme_url(slug):
    # Every result card links its themes: a few dozen slugs, reversed once.
    return reverse("themes:detail", args=[slug])


class ThemeQuerySet(models.QuerySet):
    def domains(self):
        return self.filter(parent__isnull=True)

    def subthemes(self):
        return self.filter(parent__isnull=False)


class Theme(models.Model):
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


class Public(models.Model):
    """A target group: seniors, jeunes, personnes en situation de handicap..."""

    name = models.CharField(_("nom"), max_length=100, help_text=_("Exemple : Seniors."))
    slug = models.SlugField(_("identifiant d’URL"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("public")
        verbose_name_plural = _("publics")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name
