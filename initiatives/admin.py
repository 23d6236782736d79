from csp.constants import NONCE
from csp.decorators import csp_update
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdminMixin

from carrefour.forms import HTTPS_URLS
from initiatives import search_index
from initiatives.models import (
    Award,
    Indicator,
    Initiative,
    InitiativeActor,
    Label,
    SearchTerm,
    Site,
)
from sources.admin import ListedBySourceFilter, SourceListingInline
from territories.models import Territory
from themes.models import Theme


class ThemeFilter(admin.SimpleListFilter):
    """A domaine also selects the initiatives tagged with one of its thématiques."""

    title = _("thématique")
    parameter_name = "theme"

    def lookups(self, request, model_admin):
        return [(theme.pk, theme_label(theme)) for theme in themes_in_tree_order()]

    def queryset(self, request, queryset):
        if not (self.value() or "").isdigit():
            return queryset
        return queryset.filter(theme_ids__contains=[int(self.value())])


class TerritoryFilter(admin.SimpleListFilter):
    """Régions, each followed by its départements, filtering on the main site's commune."""

    title = _("région ou département du lieu principal")
    parameter_name = "territoire"

    def lookups(self, request, model_admin):
        places = Territory.objects.filter(
            kind__in=[Territory.Kind.REGION, Territory.Kind.DEPARTEMENT]
        ).only("kind", "code", "name", "region_id")
        departements = {}
        for place in sorted(places, key=lambda place: place.code):
            if place.kind == Territory.Kind.DEPARTEMENT:
                departements.setdefault(place.region_id, []).append(place)
        choices = []
        for region in sorted(places, key=lambda place: place.name):
            if region.kind == Territory.Kind.REGION:
                choices.append((region.key, region.name))
                choices.extend((dep.key, f"— {dep}") for dep in departements.get(region.pk, []))
        return choices

    def queryset(self, request, queryset):
        kind, _sep, code = (self.value() or "").partition("-")
        if kind == Territory.Kind.REGION:
            return queryset.filter(commune__region__code=code)
        if kind == Territory.Kind.DEPARTEMENT:
            return queryset.filter(commune__departement__code=code)
        return queryset


class InitiativeActorForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        actor, programme = cleaned_data.get("actor"), cleaned_data.get("programme")
        if actor and programme:
            runners = list(programme.actors.all())
            if actor not in runners:
                raise ValidationError(
                    {
                        "programme": ValidationError(
                            _("Ce programme est mené par d’autres acteurs : %(owners)s."),
                            code="programme_of_another_actor",
                            params={"owners": ", ".join(str(other) for other in runners)},
                        )
                    }
                )
        return cleaned_data


class InitiativeActorInline(admin.TabularInline):
    model = InitiativeActor
    form = InitiativeActorForm
    fields = ["actor", "role", "programme"]
    autocomplete_fields = ["actor", "programme"]
    extra = 0


class SiteInline(LeafletGeoAdminMixin, admin.StackedInline):
    """Where the initiative is present; saving one keeps its search index and
    main site right (Site.save())."""

    model = Site
    fields = ["name", "address", "commune", "point", "position"]
    autocomplete_fields = ["commune"]
    extra = 0


class AwardInline(admin.TabularInline):
    model = Award
    fields = ["name", "year"]
    extra = 0


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    """Labels are made from the awards' names; a moderator may reword one.
    Its slug is the value of `label=` in addresses already shared: it stays."""

    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug"]

    def has_add_permission(self, request):
        return False


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["label", "value", "unit", "year"]
    extra = 0


# Written by the yearly reminders and their answers (freshness/), read here.
FRESHNESS_SHOWN = ["verified_at", "reminders_sent", "reminded_at", "to_verify_since", "archived_at"]


@admin.register(Initiative)
class InitiativeAdmin(LeafletGeoAdminMixin, admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = [
        "name",
        "status",
        "commune",
        "carrier",
        "stage",
        "is_fictitious",
        "created_at",
        "published_at",
    ]
    list_filter = [
        "status",
        ThemeFilter,
        TerritoryFilter,
        "stage",
        "structure_type",
        ListedBySourceFilter,
        "is_fictitious",
    ]
    list_select_related = ["commune", "carrier"]
    search_fields = ["name", "slug", "summary", "carrier__name", "source_name", "external_id"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["territories", "carrier"]
    filter_horizontal = ["themes", "publics"]
    readonly_fields = ["published_at", "created_at", "updated_at", *FRESHNESS_SHOWN]
    fieldsets = [
        (
            _("Présentation"),
            {
                "fields": [
                    "name",
                    "slug",
                    "summary",
                    "description",
                    "innovation",
                    "year_started",
                    "website",
                ]
            },
        ),
        (_("Classement"), {"fields": ["themes", "publics", "stage", "structure_type"]}),
        (
            _("Territoires d’action"),
            {
                "fields": ["territories", "is_national"],
                "description": _(
                    "Ses lieux (adresse, commune, position) : voir « Lieux » plus bas ; "
                    "le premier est son lieu principal."
                ),
            },
        ),
        (
            _("Acteurs"),
            {
                "fields": ["carrier"],
                "description": _(
                    "Financeurs, accompagnateurs et partenaires : voir « Rôles des acteurs » "
                    "plus bas."
                ),
            },
        ),
        (_("Contact privé"), {"fields": ["contact_email"]}),
        (
            _("Provenance"),
            {"fields": ["source_name", "source_url", "external_id", "is_fictitious"]},
        ),
        (_("Publication"), {"fields": ["status", "published_at", "created_at", "updated_at"]}),
        (
            _("Fraîcheur"),
            {
                "fields": FRESHNESS_SHOWN,
                "description": _(
                    "Tenue par le rappel annuel « Toujours d’actualité ? » "
                    "(manage.py send_reminders)."
                ),
            },
        ),
    ]
    # The moderation app adds its reports, its log and the publish and archive actions
    # (moderation.admin.ModeratedInitiativeAdmin).
    inlines = [SiteInline, InitiativeActorInline, AwardInline, IndicatorInline, SourceListingInline]

    # django-leaflet's map widget starts with an inline script carrying the request's
    # nonce (LeafletGeoAdminMixin hands request.csp_nonce to the widget). Only this page
    # accepts that nonce; everywhere else scripts must still come from static files.
    @method_decorator(csp_update({"script-src": [NONCE]}))
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The fiche, its relations and its inlines are saved one by one: their
        # search index is refreshed once, at the end, in the same transaction.
        with transaction.atomic(), search_index.deferred():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "themes":
            kwargs["queryset"] = themes_in_tree_order()
            field = super().formfield_for_manytomany(db_field, request, **kwargs)
            field.label_from_instance = theme_label
            return field
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if obj.status == Initiative.Status.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(SearchTerm)
class SearchTermAdmin(admin.ModelAdmin):
    """The typo-correction dictionary, rebuilt from the published initiatives."""

    list_display = ["word", "documents"]
    search_fields = ["word"]
    ordering = ["-documents", "word"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def themes_in_tree_order():
    """Every theme, each domaine followed by its thématiques."""
    return Theme.objects.select_related("parent").order_by(
        Coalesce("parent__position", "position"),
        Coalesce("parent_id", "id"),
        F("parent_id").asc(nulls_first=True),
        "position",
        "name",
    )


def theme_label(theme):
    return f"{theme.parent.name} › {theme.name}" if theme.parent else theme.name
