from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Value
from django.db.models.functions import Lower
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from actors.forms import ProgrammeForm
from actors.models import Actor, Call, Programme
from carrefour.forms import ASSUMED_SCHEME
from carrefour.text import Unaccent
from funders.models import ManagementRequest, SupportLink
from initiatives.models import Initiative, InitiativeActor
from submissions.forms import ANY_PLACE, grouped_theme_choices
from territories.forms import TerritoryListField
from themes.models import Theme


class ManagementRequestForm(forms.ModelForm):
    class Meta:
        model = ManagementRequest
        fields = ["role", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}


def actor_field(name, **kwargs):
    field = Actor._meta.get_field(name).formfield(**kwargs)
    field.required = False
    return field


class ActorForm(forms.Form):
    """What an actor's managers edit on its page: never its name, kind or status,
    which moderators keep."""

    description = actor_field("description", widget=forms.Textarea(attrs={"rows": 6}))
    website = actor_field("website", assume_scheme=ASSUMED_SCHEME)
    contact_email = actor_field("contact_email")
    territories = TerritoryListField(
        label=_("Territoires couverts"),
        kinds=ANY_PLACE,
        required=False,
        help_text=_("Communes, intercommunalités, départements ou régions. Exemple : Isère."),
    )
    is_national = actor_field("is_national")
    themes = forms.TypedMultipleChoiceField(
        label=_("Thématiques"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = grouped_theme_choices()
        # Each of the territory inputs is named for screen readers, not only the first.
        self.fields["territories"].widget.attrs["aria-label"] = self.fields["territories"].label

    @classmethod
    def initial_from(cls, actor):
        return {
            "description": actor.description,
            "website": actor.website,
            "contact_email": actor.contact_email,
            "territories": list(actor.territories.order_by("kind", "name")),
            "is_national": actor.is_national,
            "themes": [str(pk) for pk in actor.themes.values_list("pk", flat=True)],
        }

    def clean_description(self):
        return self.cleaned_data["description"].strip()


def find_initiative(text):
    """The published initiative named `text` (any case, any accents), or whose
    fiche's address or slug it is; raises ValidationError when none or several."""
    text = " ".join((text or "").split())
    published = Initiative.objects.published()
    path = urlsplit(text).path if "/" in text else f"/initiatives/{text}/"
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    if match is not None and match.view_name == "initiatives:detail":
        found = published.filter(slug=match.kwargs["slug"]).first()
        if found is not None:
            return found
    named = list(
        published.annotate(plain=Unaccent(Lower("name")))
        .filter(plain=Unaccent(Value(text.lower())))
        .order_by("pk")[:2]
    )
    if len(named) == 1:
        return named[0]
    if named:
        raise ValidationError(
            _("Plusieurs fiches portent ce nom : collez l’adresse de la bonne fiche."),
            code="ambiguous",
        )
    raise ValidationError(
        _(
            "Aucune fiche publiée de ce nom. Collez l’adresse de sa fiche, par exemple "
            "https://…/initiatives/wimoov/."
        ),
        code="unknown",
    )


class SupportForm(forms.Form):
    """A manager declares that their actor supports an initiative."""

    initiative = forms.CharField(
        label=_("Initiative soutenue"),
        max_length=300,
        help_text=_("Son nom dans l’annuaire ou l’adresse de sa fiche. Exemple : Wimoov."),
    )
    role = forms.ChoiceField(label=_("Rôle"), choices=InitiativeActor.Role.choices)
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=None, required=False, empty_label="—"
    )
    year = SupportLink._meta.get_field("year").formfield()
    message = SupportLink._meta.get_field("message").formfield(
        widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["programme"].queryset = actor.programmes.order_by("name")

    def clean_initiative(self):
        return find_initiative(self.cleaned_data["initiative"])

    def clean(self):
        cleaned = super().clean()
        initiative, role = cleaned.get("initiative"), cleaned.get("role")
        if initiative is None or not role:
            return cleaned
        same = {"initiative": initiative, "actor": self.actor, "role": role}
        if InitiativeActor.objects.filter(**same).exists():
            raise ValidationError(_("Ce soutien figure déjà sur la fiche."), code="already_shown")
        if SupportLink.objects.pending().filter(**same).exists():
            raise ValidationError(
                _("Ce soutien attend déjà la confirmation des porteurs."), code="already_pending"
            )
        return cleaned


class ManagedProgrammeForm(ProgrammeForm):
    """What an actor's managers write about its programme. Its address (slug) and
    the actors running it stay with the moderators."""

    territories = TerritoryListField(
        label=_("Territoires éligibles"),
        kinds=ANY_PLACE,
        required=False,
        help_text=_("Vide : partout. Exemple : Auvergne-Rhône-Alpes."),
    )

    class Meta(ProgrammeForm.Meta):
        exclude = None
        fields = [
            "name",
            "kind",
            "summary",
            "is_published",
            "offer",
            "description",
            "amount_min",
            "amount_max",
            "rate",
            "duration_months",
            "website",
            "territories",
            "is_national",
            "themes",
            "publics",
            "stages",
            "structure_types",
            "conditions",
            "is_permanent",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "offer": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
            "publics": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.subthemes().order_by("name")
        # Each of the territory inputs is named for screen readers, not only the first.
        self.fields["territories"].widget.attrs["aria-label"] = self.fields["territories"].label


class CallForm(forms.ModelForm):
    website = forms.URLField(
        label=_("page de l’appel"), required=False, assume_scheme=ASSUMED_SCHEME, max_length=200
    )

    class Meta:
        model = Call
        fields = ["name", "opens_on", "closes_on", "website", "description"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 2}),
        }


CallFormSet = forms.inlineformset_factory(
    Programme, Call, form=CallForm, extra=1, can_delete=True, max_num=20, validate_max=True
)
