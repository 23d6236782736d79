import django_filters
from django.utils.translation import gettext_lazy as _

from contacts.models import ContactRequest
from initiatives.models import Initiative


class InboxFilter(django_filters.FilterSet):
    """The holder's messages, by initiative and by purpose."""

    fiche = django_filters.ModelChoiceFilter(
        field_name="initiative",
        to_field_name="slug",
        queryset=Initiative.objects.none(),
        label=_("Initiative"),
        empty_label=_("Toutes mes initiatives"),
    )
    objet = django_filters.ChoiceFilter(
        field_name="purpose",
        choices=ContactRequest.Purpose.choices,
        label=_("Objet"),
        empty_label=_("Tous les objets"),
    )

    class Meta:
        model = ContactRequest
        fields = []

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["fiche"].queryset = initiatives
