from django.contrib import admin
from django.db import transaction
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from carrefour.forms import HTTPS_URLS
from initiatives import search_index
from sources.admin_import import source_import, source_import_confirm
from sources.models import Source, SourceListing, SourceTag
from themes.models import Public, Theme


class MappingFilter(admin.SimpleListFilter):
    title = _("correspondance")
    parameter_name = "correspondance"

    def lookups(self, request, model_admin):
        return [("sans", _("sans correspondance")), ("avec", _("avec correspondance"))]

    def queryset(self, request, queryset):
        if self.value() == "sans":
            return queryset.unmapped()
        if self.value() == "avec":
            return queryset.exclude(pk__in=SourceTag.objects.unmapped().values("pk"))
        return queryset


class SourceTagInline(admin.TabularInline):
    """The crosswalk, the tags still to map first: those the last import read most."""

    model = SourceTag
    fields = ["code", "label", "themes", "publics", "is_ignored", "rows_count", "last_seen_at"]
    readonly_fields = ["rows_count", "last_seen_at"]
    filter_horizontal = ["themes", "publics"]
    extra = 0
    verbose_name_plural = _("correspondances des tags (les tags sans correspondance d’abord)")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_mapping_state()
            .prefetch_related("themes", "publics")
            .order_by("-is_unmapped", "-rows_count", "code")
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A source may have hundreds of tags: the themes and publics to choose
        # from are read once for all of them, not once per tag.
        choices = {
            "themes": theme_choices(),
            "publics": list(Public.objects.values_list("pk", "name")),
        }

        class CrosswalkFormSet(formset):
            def _construct_form(self, i, **kwargs):
                form = super()._construct_form(i, **kwargs)
                for name, options in choices.items():
                    field = form.fields[name]
                    field.choices = options
                    # The admin wraps the widget to add its "+" link.
                    getattr(field.widget, "widget", field.widget).choices = options
                return form

        return CrosswalkFormSet


def theme_choices():
    """Every thématique as "Domaine › Thématique", domaines alone, in the tree's order."""
    themes = list(Theme.objects.select_related("parent"))
    order = {theme.pk: theme.position for theme in themes if theme.parent_id is None}

    def position(theme):
        domain = theme.parent if theme.parent_id else theme
        return (
            order.get(domain.pk, 0),
            domain.name,
            theme.parent_id is not None,
            theme.position,
            theme.name,
        )

    return [
        (theme.pk, f"{theme.parent.name} › {theme.name}" if theme.parent_id else theme.name)
        for theme in sorted(themes, key=position)
    ]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = [
        "name",
        "format",
        "trust",
        "listed",
        "unmapped_tags",
        "last_run_at",
        "last_run_status",
    ]
    list_filter = ["format", "trust", "last_run_status"]
    list_select_related = ["actor"]
    search_fields = ["name", "slug", "actor__name", "website"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["actor"]
    readonly_fields = [
        "last_run_at",
        "last_run_status",
        "last_run_summary",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "actor", "website", "logo_url"]}),
        (_("Données"), {"fields": ["licence", "licence_url", "trust"]}),
        (
            _("Export"),
            {"fields": ["format", "export_url", "export_file", "refresh_days"]},
        ),
        (
            _("Dernière importation"),
            {"fields": ["last_run_at", "last_run_status", "last_run_summary"]},
        ),
        (None, {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [SourceTagInline]

    change_form_template = "admin/sources/source/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).with_listed_counts().with_unmapped_counts()

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/importer/",
                view(lambda request, pk: source_import(self, request, pk)),
                name="sources_source_import",
            ),
            path(
                "<int:pk>/importer/confirmer/",
                view(lambda request, pk: source_import_confirm(self, request, pk)),
                name="sources_source_import_confirm",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("initiatives listées"), ordering="listed_count")
    def listed(self, source):
        url = reverse("admin:initiatives_initiative_changelist") + f"?source={source.pk}"
        return format_html('<a href="{}">{}</a>', url, source.listed_count)

    @admin.display(description=_("tags sans correspondance"), ordering="unmapped_count")
    def unmapped_tags(self, source):
        if not source.unmapped_count:
            return 0
        url = (
            reverse("admin:sources_sourcetag_changelist")
            + f"?source__id__exact={source.pk}&correspondance=sans"
        )
        return format_html('<a href="{}">{}</a>', url, source.unmapped_count)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A source and its tags are saved one by one; what they change in the
        # search index is refreshed once, at the end.
        with transaction.atomic(), search_index.deferred():
            return super().changeform_view(request, object_id, form_url, extra_context)


@admin.register(SourceTag)
class SourceTagAdmin(admin.ModelAdmin):
    """Every tag of every source, to map many at once (filter "sans correspondance")."""

    list_display = ["code", "label", "source", "rows_count", "last_seen_at", "is_ignored"]
    list_filter = [MappingFilter, "source", "is_ignored"]
    list_select_related = ["source"]
    search_fields = ["code", "label", "source__name"]
    filter_horizontal = ["themes", "publics"]
    autocomplete_fields = ["source"]
    fields = [
        "source",
        "code",
        "label",
        "themes",
        "publics",
        "is_ignored",
        "rows_count",
        "last_seen_at",
    ]
    readonly_fields = ["rows_count", "last_seen_at"]
    ordering = ["-rows_count", "code"]


class ListedBySourceFilter(admin.SimpleListFilter):
    """On the initiatives' list: those a source still lists."""

    title = _("source partenaire")
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return list(Source.objects.values_list("pk", "name"))

    def queryset(self, request, queryset):
        if not (self.value() or "").isdigit():
            return queryset
        return queryset.listed_by(Source(pk=int(self.value())))


class SourceListingInline(admin.TabularInline):
    """The sources listing an initiative, on its page: imports write them, not moderators."""

    model = SourceListing
    fields = [
        "source",
        "identifier",
        "page_url",
        "source_updated_at",
        "still_listed",
        "first_seen_at",
        "last_seen_at",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")
