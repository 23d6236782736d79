"""The moderators' queue of fiches to verify, and the reminders sent."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from freshness import services
from freshness.models import Reminder, StaleInitiative
from initiatives.models import Initiative
from moderation.admin import ModerationAdmin
from moderation.services import initiative_archive


@admin.register(StaleInitiative)
class StaleInitiativeAdmin(ModerationAdmin):
    """Published fiches whose holders did not answer their reminders (or said
    the initiative stopped): verify them, or archive them."""

    list_display = ["name", "to_verify_since", "verified_at", "reminders_sent", "reminded_at"]
    search_fields = ["name", "slug"]
    ordering = ["to_verify_since", "pk"]
    actions = ["verify", "archive"]
    fields = ["name", "slug", "to_verify_since", "verified_at", "reminders_sent", "reminded_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        # The index initiative_to_verify.
        return (
            super()
            .get_queryset(request)
            .filter(status=Initiative.Status.PUBLISHED, to_verify_since__isnull=False)
        )

    @admin.action(description=_("Vérifiée : toujours d’actualité"), permissions=["moderate"])
    def verify(self, request, queryset):
        count = 0
        for initiative in queryset:
            services.initiative_verify(initiative=initiative, moderator=request.user)
            count += 1
        message = ngettext("%(count)d fiche vérifiée.", "%(count)d fiches vérifiées.", count) % {
            "count": count
        }
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Archiver"), permissions=["moderate"])
    def archive(self, request, queryset):
        count = 0
        for initiative in queryset:
            initiative_archive(initiative=initiative, moderator=request.user)
            count += 1
        message = ngettext("%(count)d fiche archivée.", "%(count)d fiches archivées.", count) % {
            "count": count
        }
        self.message_user(request, message, messages.SUCCESS)


@admin.register(Reminder)
class ReminderAdmin(ModerationAdmin):
    """What was asked, when, and what was answered: read only (no address is stored)."""

    list_display = ["initiative", "number", "sent_at", "recipients", "to_holders", "answer"]
    list_filter = ["answer", "number"]
    list_select_related = ["initiative"]
    search_fields = ["initiative__name"]
    date_hierarchy = "sent_at"
    fields = [
        "initiative",
        "number",
        "sent_at",
        "recipients",
        "to_holders",
        "answer",
        "answered_at",
        "report",
    ]
    readonly_fields = fields
