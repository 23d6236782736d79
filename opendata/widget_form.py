"""The form of /integrer/: the filters of a widget, as a partner picks them."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from sources.models import Source
from territories.forms import TerritoryField
from themes.catalogue import catalogue

DEFAULT_HEIGHT = 500
MIN_HEIGHT = 250
MAX_HEIGHT = 1500


class WidgetForm(forms.Form):
    # An autocomplete may add the key of the place picked, as territoire_key.
    territoire = TerritoryField(
        label=_("Territoire"),
        required=False,
        help_text=_(
            "Commune, code postal, intercommunalité, département ou région. Exemple : Isère."
        ),
    )
    thematique = forms.MultipleChoiceField(
        label=_("Thématiques"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Les initiatives qui ont toutes les thématiques cochées."),
    )
    acteur = forms.ModelChoiceField(
        label=_("Acteur"),
        queryset=Actor.objects.published().order_by("name").only("name", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("Tous les acteurs"),
    )
    source = forms.ModelChoiceField(
        label=_("Source partenaire"),
        queryset=Source.objects.order_by("name").only("name", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("Toutes les sources"),
    )
    hauteur = forms.IntegerField(
        label=_("Hauteur (pixels)"),
        required=False,
        min_value=MIN_HEIGHT,
        max_value=MAX_HEIGHT,
        help_text=_("%(default)s par défaut ; la largeur suit celle de votre page.")
        % {"default": DEFAULT_HEIGHT},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        taxonomy = catalogue()
        self.fields["thematique"].choices = [
            (domain.name, [(t.slug, t.name) for t in taxonomy.themes if t.parent_id == domain.pk])
            for domain in taxonomy.themes
            if domain.is_domain
        ]

    def widget_query(self):
        """The widget's query string: territory key, theme, actor and source slugs."""
        data = self.cleaned_data
        query = QueryDict(mutable=True)
        if data.get("territoire"):
            query["territoire"] = data["territoire"].key
        if data.get("thematique"):
            query.setlist("thematique", data["thematique"])
        if data.get("acteur"):
            query["acteur"] = data["acteur"].slug
        if data.get("source"):
            query["source"] = data["source"].slug
        return query.urlencode()
