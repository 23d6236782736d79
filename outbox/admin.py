from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from outbox.models import Email


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["subject"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "kind",
        "to",
        "reply_to",
        "subject",
        "body",
        "headers",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    ]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Réessayer l’envoi maintenant"))
    def retry_now(self, request, queryset):
        count = queryset.exclude(status=Email.Status.SENT).update(
            status=Email.Status.PENDING, next_attempt_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d courriel sera renvoyé au prochain passage de l’envoi.",
                "%(count)d courriels seront renvoyés au prochain passage de l’envoi.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
