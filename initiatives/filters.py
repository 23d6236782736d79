"""The one FilterSet of the directory: the list, the map data and the exports use it."""

import functools

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from initiatives.models import Initiative, Label
from initiatives.querysets import SORTS
from sources.models import Source
from territories.forms import TerritoryField
from themes.catalogue import catalogue

SORT_CHOICES = [
    ("pertinence", _("pertinence")),
    ("recent", _("les plus récentes")),
    ("nom", _("nom")),
    ("hasard", _("au hasard")),
    ("distance", _("distance")),
]
assert [value for value, _label in SORT_CHOICES] == list(SORTS)

# Proximity search: `rayon` kilometres around `pres_de`.
DEFAULT_RADIUS_KM = 20
MIN_RADIUS_KM = 1
MAX_RADIUS_KM = 200
WIDER_RADII_KM = (20, 50, 100, MAX_RADIUS_KM)

# The filters a user can remove one by one, in the order they are shown.
ACTIVE_FILTERS = (
    "q",
    "thematique",
    "public",
    "territoire",
    "pres_de",
    "etape",
    "structure",
    "acteur",
    "source",
    "label",
)


class TaxonomyField(forms.MultipleChoiceField):
    """Slugs of themes or publics, cleaned to those objects, read from the cached
    taxonomy rather than the database."""

    def __init__(self, *, by_slug, **kwargs):
        super().__init__(**kwargs)
        self.by_slug = by_slug  # "themes_by_slug" or "publics_by_slug"

    def valid_value(self, value):
        return value in getattr(catalogue(), self.by_slug)

    def clean(self, value):
        slugs = super().clean(value)
        if not slugs:
            return []
        objects = getattr(catalogue(), self.by_slug)
        return [objects[slug] for slug in dict.fromkeys(slugs)]


class TaxonomyFilter(django_filters.Filter):
    field_class = TaxonomyField


class TerritoryFilter(django_filters.Filter):
    field_class = TerritoryField


class PlaceField(TerritoryField):
    """A territory with a known position, to search around it."""

    default_error_messages = {
        "unplaced": _("La position de « %(value)s » n’est pas connue."),
    }

    def clean(self, value):
        found = super().clean(value)
        if found is not None and found.point is None:
            raise forms.ValidationError(
                self.error_messages["unplaced"], code="unplaced", params={"value": found.name}
            )
        return found


class PlaceFilter(django_filters.Filter):
    field_class = PlaceField


class RadiusFilter(django_filters.Filter):
    field_class = forms.IntegerField


class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Rechercher"), method="filter_search", max_length=200)
    thematique = TaxonomyFilter(
        label=_("Thématiques"), by_slug="themes_by_slug", method="filter_themes"
    )
    public = TaxonomyFilter(label=_("Publics"), by_slug="publics_by_slug", method="filter_publics")
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
    source = django_filters.ModelChoiceFilter(
        label=_("Source"),
        queryset=Source.objects.all(),
        to_field_name="slug",
        method="filter_source",
    )
    # A label's value is the slug of the awards' name (initiatives/labels.py).
    label = django_filters.ModelChoiceFilter(
        label=_("Label ou prix"),
        queryset=Label.objects.all(),
        to_field_name="slug",
        method="filter_label",
    )
    pres_de = PlaceFilter(label=_("Autour de"), method="keep")
    rayon = RadiusFilter(
        label=_("Rayon (km)"),
        method="keep",
        min_value=MIN_RADIUS_KM,
        max_value=MAX_RADIUS_KM,
    )
    tri = django_filters.ChoiceFilter(
        label=_("Trier par"), choices=SORT_CHOICES, method="keep", empty_label=None
    )

    class Meta:
        model = Initiative
        fields = []

    def __init__(self, *args, links_to_list=False, **kwargs):
        super().__init__(*args, **kwargs)
        # A territory, theme, actor or source page searches with a filter of its own,
        # not its query string: its facet links lead to the list.
        self.links_to_list = links_to_list

    def get_form_class(self):
        # Its fields are the same for every search (each form copies them):
        # built once per process, not from the filters of every request.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

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

    def filter_source(self, queryset, name, value):
        return queryset.listed_by(value)

    def filter_label(self, queryset, name, value):
        return queryset.with_label(value)

    def keep(self, queryset, name, value):
        # Proximity needs its radius, and sorting every filter: see filter_queryset().
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.origin is not None:
            queryset = queryset.near(self.origin.point, self.radius, place=self.origin)
        return queryset.ordered_by(self.sort)

    @property
    def sort(self):
        """The sort asked for, if it applies; else the most pertinent one: the best
        match for words, then the nearest around a place, then the newest."""
        data = getattr(self.form, "cleaned_data", {})
        chosen = data.get("tri")
        if chosen == "pertinence" and not data.get("q"):
            chosen = None
        if chosen == "distance" and self.origin is None:
            chosen = None
        if chosen:
            return chosen
        if data.get("q"):
            return "pertinence"
        return "distance" if self.origin is not None else "recent"

    @property
    def origin(self):
        """The territory of a proximity search (`pres_de`), or None."""
        return getattr(self.form, "cleaned_data", {}).get("pres_de")

    @property
    def radius(self):
        """The radius of a proximity search, in kilometres."""
        return getattr(self.form, "cleaned_data", {}).get("rayon") or DEFAULT_RADIUS_KM

    @property
    def wider_radius(self):
        """A wider radius to suggest when a proximity search finds too little, or None."""
        if self.origin is None:
            return None
        return next((km for km in WIDER_RADII_KM if km > self.radius), None)

    @property
    def territory(self):
        return getattr(self.form, "cleaned_data", {}).get("territoire")

    @functools.cached_property
    def active(self):
        """The filters the user set, as (name, value) pairs, for "remove" links."""
        data = getattr(self.form, "cleaned_data", {})
        pairs = []
        for name in ACTIVE_FILTERS:
            value = data.get(name)
            if not value:
                continue
            values = list(value) if isinstance(value, (list, QuerySet)) else [value]
            pairs.extend((name, item) for item in values)
        return pairs

    @property
    def query_string(self):
        """The filters given, less those in error, as a query string: for the map data."""
        kept = QueryDict(mutable=True)
        for name in self.filters:
            if name in self.form.errors:
                continue
            if isinstance(self.data, QueryDict):
                values = self.data.getlist(name)
            else:
                value = self.data.get(name)
                values = value if isinstance(value, (list, tuple)) else [value]
            values = [str(value) for value in values if value not in (None, "")]
            if values:
                kept.setlist(name, values)
        return kept.urlencode()
