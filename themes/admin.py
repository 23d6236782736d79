from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from themes.models import Public, Theme


class DomainFilter(admin.SimpleListFilter):
    title = _("domaine")
    parameter_name = "domaine"

    def lookups(self, request, model_admin):
        return [(theme.pk, theme.name) for theme in Theme.objects.domains()]

    def queryset(self, request, queryset):
        if not (self.value() or "").isdigit():
            return queryset
        return queryset.filter(Q(pk=self.value()) | Q(parent=self.value()))


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "code", "position", "initiative_count"]
    list_filter = [DomainFilter]
    list_select_related = ["parent"]
    search_fields = ["name", "code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "parent", "code", "description", "position"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(initiative_count=Count("initiatives"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Theme.objects.domains()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("initiatives"), ordering="initiative_count")
    def initiative_count(self, theme):
        return theme.initiative_count


@admin.register(Public)
class PublicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
