"""Form fields that read a place or an actor typed as text.

Every page works without JavaScript: a commune is typed as a name, "Name
(postcode)" or a postcode, and resolved here; the autocomplete only helps typing.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from carrefour.text import Unaccent
from territories.models import KIND_PRIORITY, Territory

LABELLED = re.compile(r"^(?P<name>.+?)\s*\((?P<code>[0-9AB]{2,5})\)$", re.IGNORECASE)
MAX_SUGGESTIONS = 5


def territory_label(territory):
    """What the autocomplete shows and what resolve_territory() reads back."""
    return str(territory)


def _ambiguous(candidates):
    names = ", ".join(territory_label(place) for place in candidates[:MAX_SUGGESTIONS])
    return ValidationError(
        _("Plusieurs lieux portent ce nom : précisez, par exemple %(names)s."),
        code="ambiguous",
        params={"names": names},
    )


def resolve_territory(text, kinds):
    """The territory of one of `kinds` that `text` names, or ValidationError.

    Accepts a key (commune-38563), "Voiron (38500)", "Isère (38)", a postcode
    or a name; wider territories win over a commune of the same name.
    """
    text = " ".join((text or "").split())
    if not text:
        return None
    places = Territory.objects.filter(kind__in=kinds)
    by_key = places.by_key(text) if re.fullmatch(r"[a-z]+-[0-9AB]+", text, re.I) else None
    if by_key:
        return by_key
    if text.isdigit():
        candidates = list(places.filter(postcodes__contains=[text]).order_by("name")[:10])
    else:
        match = LABELLED.match(text)
        name, code = (match["name"], match["code"].upper()) if match else (text, None)
        exact = places.annotate(plain=Unaccent(Lower("name"))).filter(
            plain=Unaccent(Value(name.lower()))
        )
        if code:
            exact = exact.filter(Q(code=code) | Q(postcodes__contains=[code]))
        candidates = list(exact.order_by("name")[:10])
        if not candidates and not code:
            candidates = list(places.search(text).order_by("-population", "name")[:10])
    if not candidates:
        raise ValidationError(
            _("Lieu inconnu : « %(text)s ». Tapez le nom d’une commune, d’un département "
              "ou d’une région, ou un code postal, et choisissez dans la liste."),
            code="unknown",
            params={"text": text},
        )  # fmt: skip
    widest = min(KIND_PRIORITY.index(place.kind) for place in candidates)
    candidates = [place for place in candidates if KIND_PRIORITY.index(place.kind) == widest]
    if len(candidates) > 1:
        raise _ambiguous(candidates)
    return candidates[0]


class TerritoryField(forms.CharField):
    """A territory typed as text; cleans to a Territory or None."""

    def __init__(self, *, kinds, **kwargs):
        self.kinds = kinds
        kwargs.setdefault("max_length", 120)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return territory_label(value) if isinstance(value, Territory) else value

    def clean(self, value):
        return resolve_territory(super().clean(value), self.kinds)


class MultipleTextInput(forms.TextInput):
    """Several text inputs under one name: the values given, then a few empty ones."""

    template_name = "submissions/widgets/multiple_text.html"

    def __init__(self, attrs=None, blanks=3):
        super().__init__(attrs)
        self.blanks = blanks

    def value_from_datadict(self, data, files, name):
        return [value for value in data.getlist(name) if value.strip()]

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def format_value(self, value):
        return value

    def get_context(self, name, value, attrs):
        context = super().get_context(name, None, attrs)
        values = [v for v in (value or []) if v]
        context["widget"]["values"] = values + [""] * max(self.blanks, 5 - len(values))
        return context


class TerritoryListField(forms.Field):
    """Several territories typed as text; cleans to a list without duplicates."""

    widget = MultipleTextInput

    def __init__(self, *, kinds, max_count=20, **kwargs):
        self.kinds, self.max_count = kinds, max_count
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return [territory_label(v) if isinstance(v, Territory) else v for v in value or []]

    def clean(self, value):
        texts = [text for text in (value or []) if text.strip()][: self.max_count]
        places, errors = [], []
        for text in texts:
            try:
                place = resolve_territory(text, self.kinds)
            except ValidationError as error:
                errors.append(error)
                continue
            if place not in places:
                places.append(place)
        if errors:
            raise ValidationError(errors)
        if self.required and not places:
            raise ValidationError(self.error_messages["required"], code="required")
        return places


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
