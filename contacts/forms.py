import re
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from contacts.models import ContactRequest
from territories.forms import TerritoryField

# Characters that could end an email header or hide text: refused in one-line fields.
LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
# In the message, line breaks and tabs are fine; other control characters are not.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# A field people never see: automated senders fill it in.
HONEYPOT = "site_web"
TOKEN_SALT = "contacts.form"


def form_token(recipient_key, now=None):
    """A signed token saying which form was shown, and when; its random nonce
    makes it accepted once (contacts.services.contact_request_create)."""
    moment = int(time.time() if now is None else now)
    nonce = secrets.token_hex(16)
    return signing.Signer(salt=TOKEN_SALT).sign(f"{recipient_key}|{nonce}|{moment}")


def capitalised(choices):
    return [(value, capfirst(label)) for value, label in choices]


def single_line(value):
    if LINE_BREAKS.search(value):
        raise forms.ValidationError(
            _("Ce champ tient sur une seule ligne, sans caractère de contrôle."),
            code="line_break",
        )
    return value


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Votre nom"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Votre adresse email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Les destinataires vous répondront à cette adresse."),
    )
    organisation = forms.CharField(
        label=_("Votre organisation"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        help_text=_("Facultatif. Exemple : mairie de Voiron, fondation, association…"),
    )
    sender_kind = forms.ChoiceField(
        label=_("Vous êtes"), choices=capitalised(ContactRequest.SenderKind.choices)
    )
    purpose = forms.ChoiceField(
        label=_("Objet de votre demande"), choices=capitalised(ContactRequest.Purpose.choices)
    )
    # An autocomplete may add the key of the place picked, as territory_key.
    territory = TerritoryField(
        label=_("Votre territoire"),
        required=False,
        help_text=_(
            "Commune, intercommunalité, département ou région. "
            "Obligatoire pour une demande d’essaimage."
        ),
    )
    message = forms.CharField(
        label=_("Votre message"),
        min_length=10,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    acknowledge = forms.BooleanField(
        label=_("J’ai lu la notice ci-dessus sur mes données personnelles."),
        error_messages={"required": _("Merci de cocher cette case pour envoyer votre message.")},
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, recipient_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.recipient_key = recipient_key

    def is_bot(self):
        """Whether the hidden field was filled: only robots see it."""
        return bool(self.data.get(HONEYPOT, "").strip())

    def refuse_as_already_sent(self):
        self.add_error(
            "token",
            forms.ValidationError(
                _(
                    "Ce formulaire a déjà servi à envoyer ce message : il n’est pas envoyé "
                    "une seconde fois. Pour envoyer un nouveau message, vérifiez-le ci-dessous "
                    "et envoyez-le à nouveau."
                ),
                code="already_sent",
            ),
        )

    def clean_name(self):
        return single_line(self.cleaned_data["name"])

    def clean_email(self):
        return single_line(self.cleaned_data["email"])

    def clean_organisation(self):
        return single_line(self.cleaned_data["organisation"])

    def clean_message(self):
        message = self.cleaned_data["message"]
        if CONTROL_CHARACTERS.search(message):
            raise forms.ValidationError(
                _("Le message contient des caractères de contrôle."), code="control_character"
            )
        return message

    def clean_token(self):
        try:
            value = signing.Signer(salt=TOKEN_SALT).unsign(self.cleaned_data["token"])
            recipient_key, nonce, moment = value.split("|")
            age = time.time() - int(moment)
        except (signing.BadSignature, ValueError):
            age = recipient_key = None
        if recipient_key != self.recipient_key:
            raise forms.ValidationError(
                _("Le formulaire n’est pas valide. Merci de l’envoyer à nouveau."),
                code="invalid_token",
            )
        if age < settings.CONTACT_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("Envoyé trop vite : relisez votre message, puis envoyez-le à nouveau."),
                code="too_fast",
            )
        if age > settings.CONTACT_FORM_MAX_SECONDS:
            raise forms.ValidationError(
                _(
                    "Le formulaire a expiré. Votre message est conservé ci-dessous : "
                    "envoyez-le à nouveau."
                ),
                code="expired",
            )
        return nonce

    def clean(self):
        cleaned = super().clean()
        if (
            "territory" not in self.errors
            and cleaned.get("territory") is None
            and cleaned.get("purpose") == ContactRequest.Purpose.ESSAIMAGE
        ):
            self.add_error(
                "territory",
                forms.ValidationError(
                    _("Indiquez le territoire où vous souhaitez voir essaimer l’initiative."),
                    code="territory_required",
                ),
            )
        return cleaned
