from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from territories.models import Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    """Territories come from the Code officiel géographique: read them, never edit them.

    Re-running `manage.py import_territories` is the way to update them.
    """

    list_display = ["name", "kind", "code", "departement", "region", "population"]
    list_filter = ["kind", "region"]
    list_select_related = ["departement", "region"]
    # Checked by the admin for autocomplete_fields; get_search_results() does the search.
    search_fields = ["name", "code"]
    # The outline is left out: a commune's polygon is thousands of points of text.
    fields = [
        "kind",
        "code",
        "name",
        "population",
        "postcodes",
        "region",
        "departement",
        "epci",
        "coordinates",
    ]
    readonly_fields = ["coordinates"]

    def get_search_results(self, request, queryset, search_term):
        """Any word of the name, accents, short forms and typos forgiven
        ("isere", "cc gresivaudan"), a département's number or a postcode
        ("38500"): TerritoryQuerySet.suggested(), the most relevant and largest first.
        """
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.suggested(term), False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("point représentatif"))
    def coordinates(self, territory):
        if territory.point is None:
            return "—"
        return f"{territory.point.y:.5f}, {territory.point.x:.5f}"
