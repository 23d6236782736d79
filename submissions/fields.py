"""The form field of an actor typed as text (places: territories/forms.py).

Every page works without JavaScript: an actor is typed as a name, and found
here; the autocomplete only helps typing.
"""

from django import forms
from django.db.models import Value
from django.db.models.functions import Lower

from actors.models import Actor
from carrefour.text import Unaccent


def find_actor(name):
    """The published actor named `name` (any case, any accents), or None."""
    name = " ".join((name or "").split())
    if not name:
        return None
    return (
        Actor.objects.published()
        .annotate(plain=Unaccent(Lower("name")))
        .filter(plain=Unaccent(Value(name.lower())))
        .order_by("pk")
        .first()
    )


class ActorField(forms.CharField):
    """An actor of the directory, or the name of a new one.

    Cleans to {"actor": pk or None, "name": name as typed}.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dict):
            return value.get("name", "")
        return value

    def clean(self, value):
        name = " ".join((super().clean(value) or "").split())
        if not name:
            return None
        actor = find_actor(name)
        return {"actor": actor.pk if actor else None, "name": actor.name if actor else name}
