from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Theme names are in the search documents; a domaine is in its thématiques' filters.
        if change and {"name", "parent"} & set(form.changed_data):
            tagged_with(obj).refresh_search()

    def delete_model(self, request, obj):
        ids = list(tagged_with(obj).values_list("pk", flat=True))
        super().delete_model(request, obj)
        Initiative.objects.filter(pk__in=ids).refresh_search()

    def delete_queryset(self, request, queryset):
        ids = list(tagged_with(*queryset).values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        Initiative.objects.filter(pk__in=ids).refresh_search()


@admin.register(Public)
class PublicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            Initiative.objects.filter(publics=obj).refresh_search()

    def delete_model(self, request, obj):
        ids = list(Initiative.objects.filter(publics=obj).values_list("pk", flat=True))
        super().delete_model(request, obj)
        Initiative.objects.filter(pk__in=ids).refresh_search()

    def delete_queryset(self, request, queryset):
        initiatives = Initiative.objects.filter(publics__in=queryset).distinct()
        ids = list(initiatives.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        Initiative.objects.filter(pk__in=ids).refresh_search()


def tagged_with(*themes):
    """Initiatives tagged with these themes, or with a thématique of these domaines."""
    return Initiative.objects.filter(theme_ids__overlap=[theme.pk for theme in themes])
