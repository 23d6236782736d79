"""A place typed by a person, read the same way by every form: the directory's
filters, the proposal form and the contact form (TerritoryQuerySet.from_typed)."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from territories.forms import TerritoryField
from territories.models import Territory

pytestmark = pytest.mark.django_db


def typed(text, kinds=None):
    return Territory.objects.from_typed(text, kinds=kinds)


def refusal(text, kinds=None):
    with pytest.raises(ValidationError) as refused:
        typed(text, kinds)
    return refused.value.code, refused.value.messages[0]


@pytest.mark.parametrize(
    "text", ["commune-38563", "Voiron", "voiron", "  VOIRON ", "38500", "Voiron (38500)"]
)
def test_a_key_a_name_a_postcode_or_a_label_finds_the_commune(territory, text):
    assert typed(text) == territory("commune-38563")


def test_a_departement_is_found_by_its_label_and_wins_over_its_name_as_a_prefix(territory):
    assert typed("Isère (38)") == territory("departement-38")
    assert typed("isere") == territory("departement-38")


def test_a_postcode_tells_apart_communes_of_the_same_name(territory):
    assert typed("chevrieres (38160)") == territory("commune-38099")


def test_a_shared_postcode_gives_its_most_populous_commune(territory):
    assert typed("38500") == territory("commune-38563")


def test_two_communes_of_the_same_name_are_ambiguous():
    code, message = refusal("Montagny")
    assert code == "ambiguous"
    assert message.startswith("Plusieurs lieux portent ce nom : précisez, par exemple Montagny (")


def test_a_name_only_begun_is_unknown_with_the_nearest_name_suggested():
    assert refusal("voir") == (
        "unknown",
        "Aucun territoire ne correspond à « voir ». Vouliez-vous dire « Voiron (38500) » ?",
    )


def test_an_unknown_place_or_key_is_unknown():
    assert refusal("Xyzzy") == ("unknown", "Aucun territoire ne correspond à « Xyzzy ».")
    assert refusal("commune-99999")[0] == "unknown"
    assert refusal("99999")[0] == "unknown"


def test_only_the_kinds_asked_for_are_found(territory):
    assert typed("Voiron", kinds=["commune"]) == territory("commune-38563")
    assert refusal("departement-38", kinds=["commune"])[0] == "unknown"


class PlaceForm(forms.Form):
    place = TerritoryField(required=False)


def test_the_suggestion_picked_wins_while_its_label_is_kept(territory):
    form = PlaceForm({"place": "Voiron (38500)", "place_key": "commune-38563"})
    assert form.is_valid()
    assert form.cleaned_data["place"] == territory("commune-38563")


def test_a_label_edited_after_the_pick_is_read_as_typed(territory):
    form = PlaceForm({"place": "Isère (38)", "place_key": "commune-38563"})
    assert form.is_valid()
    assert form.cleaned_data["place"] == territory("departement-38")


def test_the_field_keeps_what_was_typed_and_the_key_for_the_next_try():
    form = PlaceForm({"place": "Montagny", "place_key": "commune-00000"})
    assert not form.is_valid()
    assert form.has_error("place", "ambiguous")
    assert form["place"].value() == "Montagny"
    assert form["place"].value().chosen_key == "commune-00000"
