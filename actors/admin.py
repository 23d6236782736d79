from django.contrib import admin

from actors.models import Actor, Programme
from carrefour.forms import HTTPS_URLS


class ProgrammeInline(admin.TabularInline):
    formfield_overrides = HTTPS_URLS
    model = Programme
    fields = ["name", "website", "description"]
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


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "actor"]
    list_select_related = ["actor"]
    search_fields = ["name", "actor__name"]
    autocomplete_fields = ["actor"]
