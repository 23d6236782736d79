"""What the personal space shows of the funders' space: the actors one manages,
one's requests to manage one, and the support links waiting for one's decision
as a holder. Three queries."""

from funders.models import ManagementRequest, SupportLink
from funders.services import managed_actors


def funders_space_context(user):
    requests = ManagementRequest.objects.filter(user=user).exclude(status="approved")
    to_decide = SupportLink.objects.awaiting_holder(user).select_related(
        "initiative", "actor", "programme"
    )
    return {
        "managed_actors": list(managed_actors(user).only("name", "slug")),
        "actor_requests": list(requests.select_related("actor").order_by("-created_at")),
        "supports_to_decide": list(to_decide.order_by("created_at", "pk")),
    }
