"""What the personal space shows: the holder's initiatives and requests."""

from initiatives.models import Initiative


def space_context(user):
    initiatives = Initiative.objects.held_by(user).select_related("commune").order_by("name")
    return {"initiatives": list(initiatives)}
