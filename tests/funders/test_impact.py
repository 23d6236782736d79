"""Which indicators add up, and how their labels and units are compared."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from funders.impact import add_up, is_additive, text_key


@dataclass
class Measure:
    label: str
    value: Decimal
    unit: str
    year: int | None
    initiative: str


def test_labels_and_units_are_compared_without_case_spaces_or_apostrophe_kinds():
    assert text_key("  Jeunes   Accompagnés ") == "jeunes accompagnés"
    assert text_key("personnes d’âge mûr") == text_key("Personnes d'âge mûr")
    # The same letters, composed or not.
    assert text_key("accompagne\u0301s") == text_key("accompagnés")
    assert text_key("accompagnes") != text_key("accompagnés"), "accents still count"


@pytest.mark.parametrize(
    ("label", "unit"),
    [
        ("retour à l’emploi", "%"),
        ("retour à l’emploi", " pour cent"),
        ("satisfaction", "/10"),
        ("coût", "€/personne"),
        ("Taux de retour à l’emploi", ""),
        ("part de femmes", "personnes"),
        ("note moyenne", "points"),
        ("durée", "moyenne (jours)"),
    ],
)
def test_rates_and_ratios_are_not_added(label, unit):
    assert not is_additive(label, unit)


@pytest.mark.parametrize(
    ("label", "unit"),
    [
        ("plateformes de mobilité", "plateformes"),
        ("jeunes accompagnés", ""),
        ("fonds levés", "€"),
        ("tonnes de déchets évités", "tonnes"),
        ("partenaires", "structures"),
    ],
)
def test_counts_and_amounts_are_added(label, unit):
    assert is_additive(label, unit)


def test_totals_are_by_label_unit_and_year_and_rates_are_kept_apart():
    measures = [
        Measure("repas servis", Decimal("1200"), "repas", 2023, "A"),
        Measure("Repas  servis", Decimal("300.5"), "Repas", 2023, "B"),
        Measure("repas servis", Decimal("100"), "repas", 2022, "B"),
        Measure("repas servis", Decimal("7"), "", 2023, "C"),
        Measure("taux de remplissage", Decimal("80"), "%", 2023, "A"),
    ]

    totals, others = add_up(measures)

    assert [(t.label, t.unit, t.year, t.value, t.initiatives) for t in totals] == [
        ("repas servis", "", 2023, Decimal("7"), ["C"]),
        ("repas servis", "repas", 2023, Decimal("1500.5"), ["A", "B"]),
        ("repas servis", "repas", 2022, Decimal("100"), ["B"]),
    ]
    assert others == [measures[-1]]
