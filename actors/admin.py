from django.contrib import admin
from django.db.models import Q

from actors.models import Actor, Programme
from carrefour.forms import HTTPS_URLS
from initiatives.models import Initiative


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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Published actors' names are in the search documents of their initiatives.
        if change and {"name", "is_published"} & set(form.changed_data):
            linked_to(obj).refresh_search()

    def delete_model(self, request, obj):
        ids = list(linked_to(obj).values_list("pk", flat=True))
        super().delete_model(request, obj)
        Initiative.objects.filter(pk__in=ids).refresh_search()

    def delete_queryset(self, request, queryset):
        ids = list(linked_to(*queryset).values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        Initiative.objects.filter(pk__in=ids).refresh_search()


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "actor"]
    list_select_related = ["actor"]
    search_fields = ["name", "actor__name"]
    autocomplete_fields = ["actor"]


def linked_to(*actors):
    """Initiatives these actors carry or have a role in."""
    return Initiative.objects.filter(Q(carrier__in=actors) | Q(roles__actor__in=actors)).distinct()
