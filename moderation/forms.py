from django import forms
from django.utils.translation import gettext_lazy as _

from moderation.models import Claim, Reason, Report


class ClaimForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = ["role", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}


class ReportForm(forms.ModelForm):
    # Left empty by people, filled by robots that fill every field.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Report
        fields = ["reason", "message", "email"]
        widgets = {
            "reason": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model field's blank choice ("---------") is not a reason.
        self.fields["reason"].choices = Report.Reason.choices

    def clean_message(self):
        return self.cleaned_data["message"].strip()


class DecisionForm(forms.Form):
    """A moderator's decision: a reason from the list (refusals) and a message."""

    reason = forms.ChoiceField(
        label=_("Motif"), choices=[("", "—"), *Reason.choices], required=False
    )
    message = forms.CharField(
        label=_("Message au porteur"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Envoyé par e-mail avec la décision. Exemple : précisez le public visé."),
    )

    def __init__(self, *args, reason_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required
        if not reason_required:
            del self.fields["reason"]
