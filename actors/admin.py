from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from actors.forms import ProgrammeForm
from actors.models import Actor, Call, Programme
from carrefour.forms import HTTPS_URLS


class ProgrammeInline(admin.TabularInline):
    """The programmes an actor runs (edited on the programme's own page)."""

    model = Programme.actors.through
    verbose_name = _("programme")
    verbose_name_plural = _("programmes qu’il porte")
    autocomplete_fields = ["programme"]
    extra = 0


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "kind", "territory", "is_national", "is_published", "updated_at"]
    list_filter = ["kind", "is_published", "is_national"]
    list_select_related = ["territory"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["territory", "territories"]
    filter_horizontal = ["themes"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "name",
        "slug",
        "kind",
        "description",
        "website",
        "contact_email",
        "territory",
        "territories",
        "is_national",
        "themes",
        "is_published",
        "created_at",
        "updated_at",
    ]
    inlines = [ProgrammeInline]


class CallInline(admin.TabularInline):
    formfield_overrides = HTTPS_URLS
    model = Call
    fields = ["name", "opens_on", "closes_on", "website", "description"]
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    form = ProgrammeForm
    list_display = ["name", "kind", "is_permanent", "is_national", "is_published", "updated_at"]
    list_filter = ["kind", "is_published", "is_permanent", "is_national"]
    search_fields = ["name", "slug", "actors__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["actors", "territories"]
    filter_horizontal = ["themes", "publics"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "actors", "kind", "summary", "is_published"]}),
        (
            _("Ce qu’il apporte"),
            {
                "fields": [
                    "offer",
                    "description",
                    "amount_min",
                    "amount_max",
                    "rate",
                    "duration_months",
                    "website",
                ]
            },
        ),
        (
            _("Éligibilité (vide : tous)"),
            {
                "fields": [
                    "territories",
                    "is_national",
                    "themes",
                    "publics",
                    "stages",
                    "structure_types",
                    "conditions",
                ]
            },
        ),
        (_("Appels"), {"fields": ["is_permanent"]}),
        (None, {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [CallInline]
