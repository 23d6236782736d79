"""The FilterSet of the programmes' list (/programmes/)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import Programme
from initiatives.choices import Stage
from territories.forms import TerritoryField
from themes.catalogue import catalogue


class ThemeField(forms.ChoiceField):
    """A domaine or a thématique by slug, read from the cached taxonomy."""

    def valid_value(self, value):
        return value in catalogue().themes_by_slug

    def clean(self, value):
        slug = super().clean(value)
        return catalogue().themes_by_slug[slug] if slug else None


class ThemeFilter(django_filters.Filter):
    field_class = ThemeField


class TerritoryFilter(django_filters.Filter):
    field_class = TerritoryField


class ProgrammeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Mots-clés"), method="filter_search", max_length=200)
    territoire = TerritoryFilter(label=_("Territoire"), method="filter_territory")
    thematique = ThemeFilter(label=_("Thématique"), method="filter_theme")
    type = django_filters.ChoiceFilter(
        label=_("Type de soutien"), choices=Programme.Kind.choices, method="filter_kind"
    )
    etape = django_filters.ChoiceFilter(
        label=_("Étape"), choices=Stage.choices, method="filter_stage"
    )
    ouvert = django_filters.BooleanFilter(
        label=_("Ouvert maintenant"),
        method="filter_open",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Programme
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_territory(self, queryset, name, value):
        return queryset.in_territory(value)

    def filter_theme(self, queryset, name, value):
        return queryset.with_themes([value] if value else [])

    def filter_kind(self, queryset, name, value):
        return queryset.of_kind(value)

    def filter_stage(self, queryset, name, value):
        return queryset.at_stage(value)

    def filter_open(self, queryset, name, value):
        return queryset.open_on() if value else queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if "rank" in queryset.query.annotations:
            return queryset.order_by("-rank", "name", "pk")
        return queryset.order_by("name", "pk")

    @property
    def territory(self):
        return getattr(self.form, "cleaned_data", {}).get("territoire")

    @property
    def theme_choices(self):
        """(slug, name, is_domaine) of every theme, in taxonomy order."""
        themes = sorted(catalogue().themes, key=lambda theme: (theme.position, theme.name))
        domains = [theme for theme in themes if theme.parent_id is None]
        choices = []
        for domain in domains:
            choices.append((domain.slug, domain.name, True))
            choices += [(t.slug, t.name, False) for t in themes if t.parent_id == domain.pk]
        return choices
