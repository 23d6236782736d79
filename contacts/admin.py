from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contacts.models import ContactRequest
from contacts.services import (
    contact_requests_delete,
    contact_requests_mark_spam,
    contact_requests_unmark_spam,
)


class DeliveryFilter(admin.SimpleListFilter):
    title = _("transmission")
    parameter_name = "transmission"

    def lookups(self, request, model_admin):
        return ContactRequest.Delivery.choices

    def queryset(self, request, queryset):
        if self.value() in ContactRequest.Delivery.values:
            return queryset.with_delivery_status(self.value())
        return queryset


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "sender_name",
        "recipient",
        "sender_kind",
        "purpose",
        "territory",
        "delivery",
        "is_spam",
    ]
    list_filter = [DeliveryFilter, "is_spam", "purpose", "sender_kind"]
    list_select_related = ["initiative", "actor", "territory"]
    search_fields = ["sender_name", "sender_organisation", "initiative__name", "actor__name"]
    date_hierarchy = "created_at"
    fields = [
        "created_at",
        "initiative",
        "actor",
        "sender_name",
        "sender_email",
        "sender_organisation",
        "sender_kind",
        "purpose",
        "territory",
        "message",
        "is_spam",
        "delivery_details",
    ]
    readonly_fields = [field for field in fields if field != "is_spam"]
    actions = ["mark_spam", "unmark_spam", "delete_with_emails"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_delivery()

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Replaced by delete_with_emails: the emails hold the same personal data.
        actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("destinataire"))
    def recipient(self, contact):
        return contact.recipient

    @admin.display(description=_("transmission"))
    def delivery(self, contact):
        if contact.is_spam:
            return _("indésirable")
        return contact.get_delivery_status_display()

    @admin.display(description=_("courriels"))
    def delivery_details(self, contact):
        emails = list(contact.deliveries.order_by("pk"))
        if contact.confirmation_id:
            emails.append(contact.confirmation)
        if not emails:
            return _("Aucun courriel : la demande n’est visible que dans l’espace des porteurs.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> — {} ({} tentative(s)) {}</li>',
                (
                    (
                        reverse("admin:outbox_email_change", args=[email.pk]),
                        email.to
                        if email.pk != contact.confirmation_id
                        else _("accusé de réception"),
                        email.get_status_display(),
                        email.attempts,
                        email.last_error,
                    )
                    for email in emails
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        # Only the spam flag is editable; it goes through the services.
        if "is_spam" in form.changed_data:
            queryset = ContactRequest.objects.filter(pk=obj.pk)
            if obj.is_spam:
                contact_requests_mark_spam(contact_requests=queryset)
            else:
                contact_requests_unmark_spam(contact_requests=queryset)

    def delete_model(self, request, obj):
        contact_requests_delete(contact_requests=ContactRequest.objects.filter(pk=obj.pk))

    @admin.action(description=_("Marquer comme indésirable (annule les envois en attente)"))
    def mark_spam(self, request, queryset):
        count = contact_requests_mark_spam(contact_requests=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d demande marquée comme indésirable.",
                "%(count)d demandes marquées comme indésirables.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Ce n’est pas indésirable (transmettre à nouveau)"))
    def unmark_spam(self, request, queryset):
        count = contact_requests_unmark_spam(contact_requests=queryset)
        self.message_user(
            request,
            ngettext("%(count)d demande rétablie.", "%(count)d demandes rétablies.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Supprimer avec leurs courriels"), permissions=["delete"])
    def delete_with_emails(self, request, queryset):
        count = contact_requests_delete(contact_requests=queryset)
        self.message_user(
            request,
            ngettext("%(count)d demande supprimée.", "%(count)d demandes supprimées.", count)
            % {"count": count},
            messages.SUCCESS,
        )
