from django import forms
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.signing import BadSignature, TimestampSigner
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from carrefour.forms import ASSUMED_SCHEME, normalise_text
from initiatives.models import Initiative, InitiativeActor
from submissions.fields import ActorField
from submissions.images import image_reencode
from submissions.proposals import SCALAR_FIELDS
from submissions.uploads import KEPT_IMAGE_MAX_AGE, upload_forget
from territories.forms import TerritoryField, TerritoryListField
from territories.models import Territory
from themes.models import Public, Theme

COMMUNE = [Territory.Kind.COMMUNE]
ANY_PLACE = list(Territory.Kind.values)
# What a fiche needs before a moderator reads it; a draft needs only a name.
REQUIRED_TO_SUBMIT = [
    "name",
    "summary",
    "description",
    "themes",
    "commune",
    "carrier",
    "contact_name",
    "contact_email",
]
image_signer = TimestampSigner(salt="submissions.kept-image")


def autocomplete(field, url_name, list_id):
    """Suggestions while typing (static/js/submission.js); typing alone also works."""
    field.widget.attrs.update(
        {"list": list_id, "data-autocomplete": reverse(url_name), "autocomplete": "off"}
    )


def model_field(name, **kwargs):
    """The form field of Initiative.<name>: its label, help text and limits."""
    field = Initiative._meta.get_field(name).formfield(**kwargs)
    field.required = False
    return field


def grouped_theme_choices():
    """Thématiques under their domaine, as the checkboxes show them."""
    groups = {}
    themes = Theme.objects.subthemes().select_related("parent")
    for theme in themes.order_by("parent__position", "parent__name", "position", "name"):
        groups.setdefault(theme.parent.name, []).append((str(theme.pk), theme.name))
    return list(groups.items())


class InitiativeForm(forms.Form):
    """What a holder writes about an initiative (submissions.proposals reads it)."""

    name = model_field("name")
    summary = model_field("summary", widget=forms.Textarea(attrs={"rows": 2}))
    description = model_field("description")
    innovation = model_field("innovation")
    themes = forms.TypedMultipleChoiceField(
        label=_("Thématiques"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cochez celles qui décrivent le mieux l’initiative."),
    )
    publics = forms.ModelMultipleChoiceField(
        label=_("Publics"),
        queryset=Public.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stage = model_field("stage")
    year_started = model_field("year_started")
    structure_type = model_field("structure_type")
    carrier = ActorField(
        label=_("Structure porteuse"),
        required=False,
        help_text=_(
            "Choisissez-la dans la liste si elle est déjà dans l’annuaire, "
            "sinon tapez son nom : elle sera ajoutée après relecture."
        ),
    )
    address = model_field("address")
    commune = TerritoryField(
        label=_("Commune"),
        kinds=COMMUNE,
        required=False,
        help_text=_("Nom ou code postal. Exemple : Voiron (38500)."),
    )
    latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    territories = TerritoryListField(
        label=_("Territoires d’action"),
        kinds=ANY_PLACE,
        required=False,
        help_text=_("Communes, intercommunalités, départements ou régions où elle agit."),
    )
    is_national = model_field("is_national")
    website = model_field("website", assume_scheme=ASSUMED_SCHEME)
    contact_name = model_field("contact_name")
    contact_email = model_field("contact_email")
    image = forms.FileField(
        label=_("Image ou logo"),
        required=False,
        help_text=_(
            "JPEG, PNG ou WebP, 5 Mo au plus. Ses métadonnées (lieu, appareil) sont effacées."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    kept_image = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, submitting=False, current_image="", **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.current_image = current_image
        self.fields["name"].required = True
        self.fields["themes"].choices = grouped_theme_choices()
        self.fields["stage"].required = True
        for name in REQUIRED_TO_SUBMIT:
            self.fields[name].widget.attrs["data-required-to-submit"] = "1"
        # Each of the territory inputs is named for screen readers, not only the first.
        self.fields["territories"].widget.attrs["aria-label"] = self.fields["territories"].label
        autocomplete(self.fields["commune"], "territories:commune-suggestions", "communes-list")
        autocomplete(self.fields["territories"], "territories:suggestions", "territories-list")
        autocomplete(self.fields["carrier"], "submissions:actors", "actors-list")

    def clean_summary(self):
        return " ".join(self.cleaned_data["summary"].split())

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload is False:  # "Effacer" ticked.
            return False
        if not upload:
            return None
        image = image_reencode(upload)
        # Stored at once, so that an error elsewhere in the form does not lose it.
        name = default_storage.save(f"initiatives/{image.name}", image)
        # The image kept from a previous try is replaced: nothing will name it.
        upload_forget(self._kept_image(self.data.get("kept_image")))
        self.data = self.data.copy()
        self.data["kept_image"] = image_signer.sign(name)
        return name

    def clean_kept_image(self):
        return self._kept_image(self.cleaned_data["kept_image"])

    @staticmethod
    def _kept_image(token):
        if not token:
            return ""
        try:
            return image_signer.unsign(token, max_age=KEPT_IMAGE_MAX_AGE)
        except BadSignature:
            return ""

    def clean(self):
        cleaned_data = super().clean()
        # A revision lists only what the holder changed, not the browser's line endings.
        for name, value in cleaned_data.items():
            if isinstance(value, str) and name in SCALAR_FIELDS:
                cleaned_data[name] = normalise_text(value)
        if self.submitting:
            for name in REQUIRED_TO_SUBMIT:
                if name not in self.errors and not cleaned_data.get(name):
                    self.add_error(
                        name,
                        ValidationError(
                            _("À remplir avant d’envoyer la fiche en relecture."),
                            code="required_to_submit",
                        ),
                    )
        if cleaned_data.get("is_national") is None:
            cleaned_data["is_national"] = False
        return cleaned_data

    def image_name(self):
        """The image to keep: new, kept from a previous try, current, or none."""
        image = self.cleaned_data.get("image")
        if image is False:
            return ""
        return image or self.cleaned_data.get("kept_image") or self.current_image

    def point(self):
        latitude = self.cleaned_data.get("latitude")
        longitude = self.cleaned_data.get("longitude")
        if latitude is None or longitude is None:
            return None
        return [longitude, latitude]


class RoleForm(forms.Form):
    actor = ActorField(label=_("Financeur ou partenaire"), required=False)
    role = forms.ChoiceField(
        label=_("Rôle"), choices=[("", "—"), *InitiativeActor.Role.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete(self.fields["actor"], "submissions:actors", "actors-list")

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("actor") and not cleaned_data.get("role"):
            self.add_error("role", ValidationError(_("Précisez son rôle."), code="role_missing"))
        return cleaned_data


class AwardForm(forms.Form):
    name = forms.CharField(
        label=_("Label ou prix"),
        max_length=200,
        required=False,
        help_text=_("Exemple : Lauréat La France s’engage."),
    )
    year = forms.IntegerField(label=_("Année"), min_value=1900, max_value=2100, required=False)


RoleFormSet = forms.formset_factory(RoleForm, extra=3, max_num=30, validate_max=True)
AwardFormSet = forms.formset_factory(AwardForm, extra=2, max_num=20, validate_max=True)


class Proposal:
    """The edit form and its two lists (funders and partners, awards) as one."""

    def __init__(self, data=None, files=None, *, initial=None, submitting=False):
        initial = initial or {}
        self.form = InitiativeForm(
            data,
            files,
            initial=initial,
            submitting=submitting,
            current_image=initial.get("image", ""),
        )
        self.roles = RoleFormSet(data, prefix="roles", initial=initial.get("roles_initial", []))
        self.awards = AwardFormSet(data, prefix="awards", initial=initial.get("awards", []))

    def missing(self):
        """[(id, label)] of the fields needed to submit that the initial values lack
        (a fiche from the seeds or an import may lack a contact or a carrier)."""
        return [
            (self.form[name].auto_id, self.form.fields[name].label)
            for name in REQUIRED_TO_SUBMIT
            if not self.form.initial.get(name)
        ]

    def error_summary(self):
        """[(id, label, messages)] of the main form's fields in error, in form order."""
        return [
            (field.auto_id, field.label, " ".join(field.errors))
            for field in self.form
            if field.errors and not field.is_hidden
        ]

    def is_valid(self):
        return all([self.form.is_valid(), self.roles.is_valid(), self.awards.is_valid()])

    @property
    def has_errors(self):
        return bool(self.form.errors or any(self.roles.errors) or self.roles.non_form_errors()
                    or any(self.awards.errors) or self.awards.non_form_errors())  # fmt: skip

    def data(self):
        """The proposal (submissions.proposals) of a valid form."""
        cleaned = self.form.cleaned_data
        roles = [
            {**row["actor"], "role": row["role"]}
            for row in self.roles.cleaned_data
            if row.get("actor")
        ]
        awards = [
            {"name": row["name"], "year": row.get("year")}
            for row in self.awards.cleaned_data
            if row.get("name")
        ]
        return {
            **{name: cleaned.get(name) for name in SCALAR_FIELDS},
            "commune": cleaned["commune"].pk if cleaned.get("commune") else None,
            "point": self.form.point(),
            "themes": sorted(set(cleaned.get("themes") or [])),
            "publics": sorted(public.pk for public in cleaned.get("publics") or []),
            "territories": [place.pk for place in cleaned.get("territories") or []],
            "carrier": cleaned.get("carrier"),
            "roles": roles,
            "awards": awards,
            "image": self.form.image_name(),
        }
