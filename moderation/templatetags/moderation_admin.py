"""What the admin's index shows moderators first: the queues that wait."""

from django import template
from django.urls import reverse
from django.utils.translation import ngettext

from moderation.services import waiting_counts

register = template.Library()


@register.inclusion_tag("admin/moderation/waiting.html", takes_context=True)
def moderation_waiting(context):
    user = context["request"].user
    counts = waiting_counts()
    queues = [
        (
            "submissions",
            "admin:moderation_submission_changelist",
            lambda n: ngettext("%(count)s fiche à relire", "%(count)s fiches à relire", n),
        ),
        (
            "revisions",
            "admin:moderation_revision_changelist",
            lambda n: ngettext(
                "%(count)s modification proposée", "%(count)s modifications proposées", n
            ),
        ),
        (
            "claims",
            "admin:moderation_claim_changelist",
            lambda n: ngettext("%(count)s revendication", "%(count)s revendications", n),
        ),
        (
            "reports",
            "admin:moderation_report_changelist",
            lambda n: ngettext(
                "%(count)s signalement à traiter", "%(count)s signalements à traiter", n
            ),
        ),
        (
            "emails",
            "admin:outbox_email_changelist",
            lambda n: ngettext("%(count)s courriel en échec", "%(count)s courriels en échec", n),
        ),
    ]
    rows = []
    for key, url_name, label in queues:
        count = counts.get(key, 0)
        app, model = url_name.split(":")[1].rsplit("_", 1)[0].split("_", 1)
        url = ""
        # A queue the user may not open is counted, without a link.
        if user.has_perm(f"{app}.view_{model}"):
            url = reverse(url_name) + ("?status__exact=failed" if key == "emails" else "")
        rows.append({"label": label(count) % {"count": count}, "count": count, "url": url})
    return {"queues": rows}
