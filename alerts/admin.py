from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from alerts.models import Alert, Digest


class DigestInline(admin.TabularInline):
    model = Digest
    fields = ["created_at", "covered_from", "covered_until", "count", "programmes"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    """Moderators see what is followed, and how often; an address only on an
    alert's own page (for a request about personal data), found by its exact
    spelling in the search box."""

    list_display = ["description", "frequency", "is_confirmed", "created_at", "next_digest_at"]
    list_filter = ["frequency", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["description", "=email"]
    search_help_text = _("Une description, ou une adresse email écrite en entier.")
    date_hierarchy = "created_at"
    fields = [
        "description",
        "query",
        "email",
        "frequency",
        "created_at",
        "confirmed_at",
        "covered_until",
        "next_digest_at",
    ]
    readonly_fields = [
        "description",
        "query",
        "email",
        "created_at",
        "confirmed_at",
        "covered_until",
        "next_digest_at",
    ]
    inlines = [DigestInline]

    def has_add_permission(self, request):
        return False

    @admin.display(boolean=True, description=_("confirmée"))
    def is_confirmed(self, alert):
        return alert.is_confirmed
