"""The one FilterSet of the directory: the list, the map data and the exports use it."""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from initiatives.models import Initiative
from initiatives.querysets import SORTS
from territories.models import Territory
from themes.models import Public, Theme

SORT_CHOICES = [
    ("pertinence", _("pertinence")),
    ("recent", _("les plus récentes")),
    ("nom", _("nom")),
    ("hasard", _("au hasard")),
]
assert [value for value, _label in SORT_CHOICES] == list(SORTS)


class TerritoryField(forms.CharField):
    """A territory given as `<type>-<code>`, or by name or postcode for forms without JS."""

    default_error_messages = {
        "unknown": _("Aucun territoire ne correspond à « %(value)s »."),
    }

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        found = Territory.objects.by_key(value) or Territory.objects.best_match(value)
        if found is None:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"value": value}
            )
        return found


class TerritoryFilter(django_filters.Filter):
    field_class = TerritoryField


class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Rechercher"), method="filter_search", max_length=200)
    thematique = django_filters.ModelMultipleChoiceFilter(
        label=_("Thématiques"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_themes",
    )
    public = django_filters.ModelMultipleChoiceFilter(
        label=_("Publics"),
        queryset=Public.objects.all(),
        to_field_name="slug",
        method="filter_publics",
    )
    territoire = TerritoryFilter(label=_("Territoire"), method="filter_territory")
    etape = django_filters.ChoiceFilter(
        label=_("Étape"), choices=Initiative.Stage.choices, method="filter_stage"
    )
    structure = django_filters.ChoiceFilter(
        label=_("Type de structure"),
        choices=Initiative.Structure.choices,
        method="filter_structure",
    )
    acteur = django_filters.ModelChoiceFilter(
        label=_("Acteur"),
        queryset=Actor.objects.published(),
        to_field_name="slug",
        method="filter_actor",
    )
    tri = django_filters.ChoiceFilter(
        label=_("Trier par"), choices=SORT_CHOICES, method="keep", empty_label=None
    )

    class Meta:
        model = Initiative
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_themes(self, queryset, name, value):
        return queryset.with_themes(value)

    def filter_publics(self, queryset, name, value):
        return queryset.for_publics(value)

    def filter_territory(self, queryset, name, value):
        return queryset.in_territory(value)

    def filter_stage(self, queryset, name, value):
        return queryset.at_stage(value)

    def filter_structure(self, queryset, name, value):
        return queryset.of_structure(value)

    def filter_actor(self, queryset, name, value):
        return queryset.supported_by(value)

    def keep(self, queryset, name, value):
        # Sorting needs every filter applied first: see filter_queryset().
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.ordered_by(self.sort)

    @property
    def sort(self):
        data = getattr(self.form, "cleaned_data", {})
        chosen = data.get("tri")
        if chosen:
            return chosen
        return "pertinence" if data.get("q") else "recent"

    @property
    def territory(self):
        return getattr(self.form, "cleaned_data", {}).get("territoire")

    @property
    def active(self):
        """The filters the user set, as (name, value) pairs, for "remove" links."""
        data = getattr(self.form, "cleaned_data", {})
        pairs = []
        for name in ("q", "thematique", "public", "territoire", "etape", "structure", "acteur"):
            value = data.get(name)
            if not value:
                continue
            values = list(value) if isinstance(value, (list, QuerySet)) else [value]
            pairs.extend((name, item) for item in values)
        return pairs
