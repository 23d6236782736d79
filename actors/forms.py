"""Forms of actors and programmes, shared by the admin and the public pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import Programme
from carrefour.forms import ASSUMED_SCHEME
from initiatives.choices import Stage, Structure


class ProgrammeForm(forms.ModelForm):
    """A programme's fields; stages and structure types as checkboxes."""

    stages = forms.TypedMultipleChoiceField(
        label=_("étapes"),
        choices=Stage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Aucune cochée : toutes les étapes."),
    )
    structure_types = forms.TypedMultipleChoiceField(
        label=_("types de structure"),
        choices=Structure.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Aucun coché : tous les types de structure."),
    )
    website = forms.URLField(
        label=_("site web"), required=False, assume_scheme=ASSUMED_SCHEME, max_length=200
    )

    class Meta:
        model = Programme
        exclude = ["created_at", "updated_at"]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("amount_min"), cleaned.get("amount_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "amount_max",
                forms.ValidationError(
                    _("Le montant maximum doit être supérieur ou égal au minimum."),
                    code="amounts_reversed",
                ),
            )
        return cleaned
