from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from alerts.models import Alert

FREQUENCY_CHOICES = [(value, capfirst(label)) for value, label in Alert.Frequency.choices]


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Votre adresse email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Nous vous écrirons pour confirmer : rien n’est envoyé avant."),
    )
    frequency = forms.ChoiceField(
        label=_("Fréquence"),
        choices=FREQUENCY_CHOICES,
        initial=Alert.Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=_("Fréquence"), choices=FREQUENCY_CHOICES)
