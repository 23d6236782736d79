"""The moderators' queues of the funders' space: requests to manage an actor, and
support links waiting for a decision (those of initiatives without holders are
the moderators' to make; the others wait for their holders, and a moderator may
still decide them)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from funders import services
from funders.models import ManagementRequest, Membership, SupportLink
from moderation.admin import ModerationAdmin, StatusFilter, decide


@admin.register(ManagementRequest)
class ManagementRequestAdmin(ModerationAdmin):
    list_display = ["actor", "user", "role", "created_at", "status"]
    list_filter = [StatusFilter]
    list_select_related = ["actor", "user"]
    search_fields = ["actor__name", "user__email"]
    ordering = ["created_at", "pk"]
    actions = ["approve", "reject"]
    fields = [
        "actor",
        "user",
        "role",
        "message",
        "current_managers",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
        "reason",
        "decision_message",
    ]
    readonly_fields = fields

    @admin.display(description=_("gestionnaires actuels"))
    def current_managers(self, obj):
        emails = obj.actor.memberships.select_related("user").values_list("user__email", flat=True)
        return ", ".join(emails) or "—"

    @admin.action(description=_("Accepter : confier la page de l’acteur"), permissions=["moderate"])
    def approve(self, request, queryset):
        return decide(
            self,
            request,
            queryset.pending().select_related("actor", "user"),
            title=_("Confier ces pages d’acteurs à leurs demandeurs"),
            reason_required=False,
            perform=lambda obj, moderator, data: services.management_request_approve(
                request=obj, moderator=moderator, message=data["message"]
            ),
            done=lambda n: ngettext(
                "%(count)d demande acceptée.", "%(count)d demandes acceptées.", n
            ),
        )

    @admin.action(description=_("Refuser, avec un motif"), permissions=["moderate"])
    def reject(self, request, queryset):
        return decide(
            self,
            request,
            queryset.pending().select_related("actor", "user"),
            title=_("Refuser ces demandes"),
            reason_required=True,
            perform=lambda obj, moderator, data: services.management_request_reject(
                request=obj, moderator=moderator, **data
            ),
            done=lambda n: ngettext(
                "%(count)d demande refusée.", "%(count)d demandes refusées.", n
            ),
        )


class HoldersFilter(admin.SimpleListFilter):
    title = _("qui décide")
    parameter_name = "decide"

    def lookups(self, request, model_admin):
        return [
            ("moderation", _("la modération (fiche sans porteur)")),
            ("porteurs", _("les porteurs de la fiche")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "moderation":
            return queryset.filter(initiative__holders=None)
        if self.value() == "porteurs":
            return queryset.exclude(initiative__holders=None)
        return queryset


@admin.register(SupportLink)
class SupportLinkAdmin(ModerationAdmin):
    list_display = ["actor", "initiative", "role", "programme", "year", "created_at", "status"]
    list_filter = [StatusFilter, HoldersFilter, "role"]
    list_select_related = ["actor", "initiative", "programme"]
    search_fields = ["actor__name", "initiative__name"]
    ordering = ["created_at", "pk"]
    actions = ["approve", "refuse"]
    fields = [
        "actor",
        "initiative",
        "role",
        "programme",
        "year",
        "message",
        "declared_by",
        "holders",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("porteurs de la fiche"))
    def holders(self, obj):
        return ", ".join(user.email for user in obj.initiative.holders.all()) or _(
            "aucun : à la modération de décider"
        )

    @admin.action(description=_("Confirmer : afficher ce soutien"), permissions=["moderate"])
    def approve(self, request, queryset):
        return decide(
            self,
            request,
            queryset.pending().select_related("actor", "initiative", "programme", "declared_by"),
            title=_("Confirmer ces soutiens"),
            reason_required=False,
            perform=lambda obj, moderator, data: services.support_approve(link=obj, by=moderator),
            done=lambda n: ngettext(
                "%(count)d soutien confirmé.", "%(count)d soutiens confirmés.", n
            ),
        )

    @admin.action(description=_("Refuser"), permissions=["moderate"])
    def refuse(self, request, queryset):
        return decide(
            self,
            request,
            queryset.pending().select_related("actor", "initiative", "programme", "declared_by"),
            title=_("Refuser ces soutiens"),
            reason_required=False,
            perform=lambda obj, moderator, data: services.support_refuse(link=obj, by=moderator),
            done=lambda n: ngettext("%(count)d soutien refusé.", "%(count)d soutiens refusés.", n),
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Who manages which actor: granted by an accepted request; a moderator may
    remove someone who left the organisation."""

    list_display = ["actor", "user", "role", "created_at"]
    list_select_related = ["actor", "user"]
    search_fields = ["actor__name", "user__email"]
    fields = ["actor", "user", "role", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
