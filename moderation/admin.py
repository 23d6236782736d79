"""The moderators' queues: fiches to review, revisions, claims, reports, the log."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from carrefour.forms import HTTPS_URLS
from initiatives.admin import InitiativeAdmin
from initiatives.models import Initiative
from moderation import services
from moderation.forms import DecisionForm
from moderation.models import Action, Claim, Report, Revision, Submission
from submissions.proposals import proposal_changes, proposal_from_initiative, proposal_rows

# The team's own admin: its name in the header, the tab and the index.
admin.site.site_header = _("Carrefour — modération")
admin.site.site_title = _("Carrefour — modération")
admin.site.index_title = _("Ce qui attend une décision")


class StatusFilter(admin.SimpleListFilter):
    """The status filter of a queue: what waits for a decision unless told otherwise."""

    title = _("statut")
    parameter_name = "statut"
    default = "pending"

    def lookups(self, request, model_admin):
        return [*model_admin.model.Status.choices, ("all", _("tous"))]

    def choices(self, changelist):
        current = self.value() or self.default
        for value, label in self.lookup_choices:
            yield {
                "selected": current == str(value),
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or self.default
        return queryset if value == "all" else queryset.filter(status=value)


class ReportStatusFilter(StatusFilter):
    default = "open"


def decide(modeladmin, request, queryset, *, title, perform, reason_required, done):
    """An action's intermediate page: a reason (for refusals) and a message, then act."""
    form = DecisionForm(
        request.POST if request.POST.get("post") == "yes" else None,
        reason_required=reason_required,
    )
    if form.is_valid():
        count = 0
        for obj in queryset:
            perform(obj, request.user, form.cleaned_data)
            count += 1
        modeladmin.message_user(request, done(count) % {"count": count}, messages.SUCCESS)
        return None
    ctx = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "objects": list(queryset),
        "form": form,
        "action": request.POST.get("action"),
        "opts": modeladmin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/moderation/decide.html", ctx)


class ModerationAdmin(admin.ModelAdmin):
    """Queues are read, not edited: decisions go through the actions."""

    formfield_overrides = HTTPS_URLS

    change_form_template = "admin/moderation/change_form.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_moderate_permission(self, request):
        return request.user.has_perm("initiatives.change_initiative")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "decisions": self.decisions(request),
            "changelist_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"
            ),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def decisions(self, request):
        """The actions offered as buttons on an object's page: [(name, label)].

        Not "delete selected": its label is a list's ("… sélectionnés"), and the
        page has its own "Supprimer" link for those allowed to.
        """
        return [
            (name, description)
            for name, (_function, _name, description) in self.get_actions(request).items()
            if name != "delete_selected"
        ]


class ActionInline(admin.TabularInline):
    model = Action
    fk_name = "initiative"
    fields = ["created_at", "moderator", "kind", "subject", "reason", "message"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("journal de modération")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("moderator")


class RevisionActionInline(ActionInline):
    fk_name = "revision"


class ClaimActionInline(ActionInline):
    fk_name = "claim"


class ReportActionInline(ActionInline):
    fk_name = "report"


class ReportInline(admin.TabularInline):
    """Open reports, on the initiative's own page."""

    model = Report
    fields = ["created_at", "reason", "message", "email", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("signalements à traiter")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=Report.Status.OPEN)


# The initiative's page as the initiatives app defines it, with what moderation adds:
# its open reports, its log, and publishing and archiving as logged decisions. Defined
# here so that the initiatives app does not import moderation.
admin.site.unregister(Initiative)


@admin.register(Initiative)
class ModeratedInitiativeAdmin(InitiativeAdmin):
    actions = ["publish", "archive", "restore"]
    inlines = [*InitiativeAdmin.inlines, ReportInline, ActionInline]

    @admin.action(description=_("Publier"), permissions=["change"])
    def publish(self, request, queryset):
        # Publishes, logs the decision and tells the holders of a submission.
        self._decide(
            request,
            queryset.exclude(status=Initiative.Status.PUBLISHED),
            services.initiative_publish,
            none=_("Aucune initiative publiée : toutes celles choisies l’étaient déjà."),
            done=lambda count: ngettext(
                "%(count)d initiative publiée.", "%(count)d initiatives publiées.", count
            ),
        )

    @admin.action(description=_("Archiver"), permissions=["change"])
    def archive(self, request, queryset):
        self._decide(
            request,
            queryset.exclude(status=Initiative.Status.ARCHIVED),
            services.initiative_archive,
            none=_("Aucune initiative archivée : toutes celles choisies l’étaient déjà."),
            done=lambda count: ngettext(
                "%(count)d initiative archivée.", "%(count)d initiatives archivées.", count
            ),
        )

    @admin.action(description=_("Restaurer (archivée → publiée)"), permissions=["change"])
    def restore(self, request, queryset):
        self._decide(
            request,
            queryset.filter(status=Initiative.Status.ARCHIVED),
            services.initiative_restore,
            none=_("Aucune initiative restaurée : aucune de celles choisies n’était archivée."),
            done=lambda count: ngettext(
                "%(count)d initiative restaurée.", "%(count)d initiatives restaurées.", count
            ),
        )

    def _decide(self, request, queryset, decision, none, done):
        """Apply `decision` to each initiative of `queryset` and say how many changed."""
        initiatives = list(queryset)
        for initiative in initiatives:
            decision(initiative=initiative, moderator=request.user)
        if not initiatives:
            self.message_user(request, none, messages.WARNING)
            return
        count = len(initiatives)
        self.message_user(request, done(count) % {"count": count}, messages.SUCCESS)


def table(rows, headers):
    """An HTML table of plain-text cells: everything is escaped."""
    head = format_html_join("", "<th scope='col'>{}</th>", ((header,) for header in headers))
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        (
            (format_html_join("", "<td class='diff-cell'>{}</td>", ((cell,) for cell in row)),)
            for row in rows
        ),
    )
    return format_html(
        "<table class='moderation-table'><thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
        head,
        body,
    )


def holders_of(initiative):
    return ", ".join(holder.email for holder in initiative.holders.all()) or "—"


@admin.register(Submission)
class SubmissionAdmin(ModerationAdmin):
    list_display = ["name", "commune", "holders_list", "submitted_at"]
    list_select_related = ["commune"]
    search_fields = ["name", "summary"]
    ordering = ["submitted_at", "pk"]
    actions = ["approve", "reject"]
    fields = ["holders_list", "submitted_at", "full_record", "content", "duplicates"]
    readonly_fields = fields
    inlines = [ActionInline]

    def get_queryset(self, request):
        holders = Prefetch("holders", queryset=get_user_model().objects.only("email"))
        return (
            super()
            .get_queryset(request)
            .filter(status=Initiative.Status.PENDING)
            .prefetch_related(holders)
        )

    @admin.display(description=_("porteurs"))
    def holders_list(self, obj):
        return holders_of(obj)

    @admin.display(description=_("fiche complète"))
    def full_record(self, obj):
        url = reverse("admin:initiatives_initiative_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Voir ou corriger toutes les données"))

    @admin.display(description=_("contenu proposé"))
    def content(self, obj):
        rows = proposal_rows(proposal_from_initiative(obj))
        return table([row for row in rows if row[1]], [_("champ"), _("valeur")])

    @admin.display(description=_("fiches publiées semblables"))
    def duplicates(self, obj):
        similar = (
            Initiative.objects.published()
            .similar_to(obj.name, obj.point, obj.website)
            .exclude(pk=obj.pk)
            .order_by("name")[:10]
        )
        links = [
            (reverse("admin:initiatives_initiative_change", args=[other.pk]), other.name)
            for other in similar
        ]
        if not links:
            return _("aucune")
        return format_html_join(", ", '<a href="{}">{}</a>', links)

    @admin.action(description=_("Approuver et publier"), permissions=["moderate"])
    def approve(self, request, queryset):
        return decide(
            self,
            request,
            queryset.filter(status=Initiative.Status.PENDING),
            title=_("Approuver et publier ces fiches"),
            reason_required=False,
            perform=lambda obj, moderator, data: services.initiative_publish(
                initiative=obj, moderator=moderator, message=data["message"]
            ),
            done=lambda n: ngettext("%(count)d fiche publiée.", "%(count)d fiches publiées.", n),
        )

    @admin.action(description=_("Refuser, avec un motif"), permissions=["moderate"])
    def reject(self, request, queryset):
        return decide(
            self,
            request,
            queryset.filter(status=Initiative.Status.PENDING),
            title=_("Refuser ces fiches"),
            reason_required=True,
            perform=lambda obj, moderator, data: services.submission_reject(
                initiative=obj, moderator=moderator, **data
            ),
            done=lambda n: ngettext("%(count)d fiche refusée.", "%(count)d fiches refusées.", n),
        )


@admin.register(Revision)
class RevisionAdmin(ModerationAdmin):
    list_display = ["initiative", "author", "created_at", "updated_at", "status"]
    list_filter = [StatusFilter]
    list_select_related = ["initiative", "author"]
    search_fields = ["initiative__name"]
    ordering = ["created_at", "pk"]
    actions = ["approve", "reject"]
    fields = ["initiative_link", "author", "status", "created_at", "updated_at", "changes"]
    readonly_fields = fields
    inlines = [RevisionActionInline]

    @admin.display(description=_("initiative"))
    def initiative_link(self, obj):
        url = obj.initiative.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, obj.initiative.name)

    @admin.display(description=_("modifications, champ par champ"))
    def changes(self, obj):
        live = proposal_from_initiative(obj.initiative)
        rows = proposal_changes(live, obj.data)
        if not rows:
            return _("aucune différence avec la fiche en ligne")
        return table(rows, [_("champ"), _("en ligne"), _("proposé")])

    @admin.action(description=_("Approuver : mettre en ligne"), permissions=["moderate"])
    def approve(self, request, queryset):
        return decide(
            self,
            request,
            queryset.filter(status=Revision.Status.PENDING).select_related("initiative"),
            title=_("Mettre ces modifications en ligne"),
            reason_required=False,
            perform=lambda obj, moderator, data: services.revision_approve(
                revision=obj, moderator=moderator, message=data["message"]
            ),
            done=lambda n: ngettext(
                "%(count)d modification en ligne.", "%(count)d modifications en ligne.", n
            ),
        )

    @admin.action(description=_("Refuser, avec un motif"), permissions=["moderate"])
    def reject(self, request, queryset):
        return decide(
            self,
            request,
            queryset.filter(status=Revision.Status.PENDING).select_related("initiative"),
            title=_("Refuser ces modifications"),
            reason_required=True,
            perform=lambda obj, moderator, data: services.revision_reject(
                revision=obj, moderator=moderator, **data
            ),
            done=lambda n: ngettext(
                "%(count)d modification refusée.", "%(count)d modifications refusées.", n
            ),
        )


@admin.register(Claim)
class ClaimAdmin(ModerationAdmin):
    list_display = ["initiative", "user", "role", "created_at", "status"]
    list_filter = [StatusFilter]
    list_select_related = ["initiative", "user"]
    search_fields = ["initiative__name", "user__email"]
    ordering = ["created_at", "pk"]
    actions = ["approve", "reject"]
    fields = ["initiative", "user", "role", "message", "current_holders", "status", "created_at"]
    readonly_fields = fields
    inlines = [ClaimActionInline]

    @admin.display(description=_("porteurs actuels"))
    def current_holders(self, obj):
        return holders_of(obj.initiative)

    @admin.action(description=_("Accepter : confier la fiche"), permissions=["moderate"])
    def approve(self, request, queryset):
        return decide(
            self,
            request,
            queryset.filter(status=Claim.Status.PENDING).select_related("initiative", "user"),
            title=_("Confier ces fiches à leurs demandeurs"),
            reason_required=False,
            perform=lambda obj, moderator, data: services.claim_approve(
                claim=obj, moderator=moderator, message=data["message"]
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
            queryset.filter(status=Claim.Status.PENDING).select_related("initiative", "user"),
            title=_("Refuser ces demandes"),
            reason_required=True,
            perform=lambda obj, moderator, data: services.claim_reject(
                claim=obj, moderator=moderator, **data
            ),
            done=lambda n: ngettext(
                "%(count)d demande refusée.", "%(count)d demandes refusées.", n
            ),
        )


@admin.register(Report)
class ReportAdmin(ModerationAdmin):
    list_display = ["initiative", "reason", "short_message", "created_at", "status"]
    list_filter = [ReportStatusFilter, "reason"]
    list_select_related = ["initiative"]
    search_fields = ["initiative__name", "message"]
    ordering = ["created_at", "pk"]
    actions = ["resolve", "dismiss"]
    fields = ["initiative_change", "reason", "message", "email", "status", "created_at"]
    readonly_fields = fields
    inlines = [ReportActionInline]

    @admin.display(description=_("précisions"))
    def short_message(self, obj):
        return obj.message[:80]

    @admin.display(description=_("initiative"))
    def initiative_change(self, obj):
        url = reverse("admin:initiatives_initiative_change", args=[obj.initiative_id])
        return format_html('<a href="{}">{}</a>', url, obj.initiative.name)

    def _close(self, request, queryset, kind, title, done):
        return decide(
            self,
            request,
            queryset.filter(status=Report.Status.OPEN).select_related("initiative"),
            title=title,
            reason_required=False,
            perform=lambda obj, moderator, data: services.report_close(
                report=obj, moderator=moderator, kind=kind, message=data["message"]
            ),
            done=done,
        )

    @admin.action(description=_("Traité : la fiche est corrigée"), permissions=["moderate"])
    def resolve(self, request, queryset):
        return self._close(
            request,
            queryset,
            Action.Kind.RESOLVE,
            _("Marquer ces signalements comme traités"),
            lambda n: ngettext(
                "%(count)d signalement traité.", "%(count)d signalements traités.", n
            ),
        )

    @admin.action(description=_("Classer sans suite"), permissions=["moderate"])
    def dismiss(self, request, queryset):
        return self._close(
            request,
            queryset,
            Action.Kind.DISMISS,
            _("Classer ces signalements sans suite"),
            lambda n: ngettext(
                "%(count)d signalement classé sans suite.",
                "%(count)d signalements classés sans suite.",
                n,
            ),
        )


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    """The moderation log: written by the decisions, never by hand."""

    list_display = ["created_at", "moderator", "kind", "subject", "initiative", "reason"]
    list_filter = ["kind", "reason"]
    list_select_related = ["moderator", "initiative"]
    search_fields = ["initiative__name", "message"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
