"""The form fields of a place typed by a person: the directory's filters, the
proposal form and the contact form read places the same way
(TerritoryQuerySet.from_typed), with the same messages.

Every form works without JavaScript: a place is typed as a name, "Name
(postcode)", a postcode or a key; the autocompletes only help typing.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from carrefour import kept, versions
from territories.models import Territory


class TypedPlace(str):
    """The text typed, and the key of the suggestion picked, if any."""

    def __new__(cls, text, chosen_key=""):
        typed = super().__new__(cls, text)
        typed.chosen_key = chosen_key
        return typed


class TerritoryInput(forms.TextInput):
    """A text input; an autocomplete may add the key of the suggestion picked
    in a hidden input named `<name>_key` (static/js/territory-autocomplete.js)."""

    def value_from_datadict(self, data, files, name):
        text = data.get(name)
        if text is None:
            return None
        return TypedPlace(text, chosen_key=data.get(f"{name}_key") or "")


class TerritoryField(forms.CharField):
    """A territory typed as text, of one of `kinds` (any by default); cleans to
    a Territory or None."""

    widget = TerritoryInput

    def __init__(self, *, kinds=None, **kwargs):
        self.kinds = kinds
        kwargs.setdefault("max_length", 120)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return str(value) if isinstance(value, Territory) else value

    def clean(self, value):
        chosen_key = getattr(value, "chosen_key", "")
        text = super().clean(value)
        chosen = self._chosen(chosen_key, text) if chosen_key else None
        return chosen or _read(text, self.kinds)

    def _chosen(self, key, text):
        """The suggestion picked, while the text still reads as it wrote it:
        two communes may share a name and a postcode, never a key."""
        places = Territory.objects.defer("geometry")
        if self.kinds:
            places = places.filter(kind__in=self.kinds)
        chosen = places.by_key(key)
        if chosen is not None and " ".join(text.split()) == str(chosen):
            return chosen
        return None


# Each worker keeps the places typed most often (the keys in the directory's
# links) until a territory changes (their version token), rather than look
# them up on every filtered page.
_places_read = kept.Memory(1024)
PLACES_READ_SECONDS = 3600


def _read(text, kinds):
    """Territory.objects.from_typed(), the same text and kinds read once."""
    text = " ".join((text or "").split())
    if not text:
        return None
    key = (versions.current("territories"), text, tuple(kinds or ()))
    found = _places_read.get(key)
    if found is None:
        found = Territory.objects.from_typed(text, kinds=kinds)
        _places_read.put(key, found, PLACES_READ_SECONDS)
    return found


class MultipleTextInput(forms.TextInput):
    """Several text inputs under one name: the values given, then a few empty ones."""

    template_name = "territories/widgets/multiple_text.html"

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

    def __init__(self, *, kinds=None, max_count=20, **kwargs):
        self.kinds, self.max_count = kinds, max_count
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return [str(v) if isinstance(v, Territory) else v for v in value or []]

    def clean(self, value):
        texts = [text for text in (value or []) if text.strip()][: self.max_count]
        places, errors = [], []
        for text in texts:
            try:
                place = Territory.objects.from_typed(text, kinds=self.kinds)
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


class ComparisonForm(forms.Form):
    """Two territories to compare, typed as any place field reads them."""

    a = TerritoryField(
        label=_("Premier territoire"),
        help_text=_("Exemple : Voiron (38500)."),
        error_messages={"required": _("Indiquez le premier territoire.")},
    )
    b = TerritoryField(
        label=_("Second territoire"),
        help_text=_("Exemple : Grenoble (38000)."),
        error_messages={"required": _("Indiquez le second territoire.")},
    )
