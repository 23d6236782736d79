"""Adding up the impact indicators of a portfolio.

Two indicators are added when they measure the same thing in the same unit for
the same year: same label and same unit once compared as text that ignores case,
surrounding and repeated spaces, Unicode forms and the kind of apostrophe
("Jeunes  accompagnés" = "jeunes accompagnés"; accents still count: a different
spelling is another indicator). Rates and ratios are never added: a unit with
"%", "‰" or "/" (per something), or a label or unit starting with a word such as
"taux", "part", "moyenne" or "ratio". They are listed as they are.
"""

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

NON_ADDITIVE_SIGNS = ("%", "‰", "/")
NON_ADDITIVE_WORDS = frozenset(
    {
        "taux",
        "part",
        "parts",
        "pourcent",
        "pourcentage",
        "pourcentages",
        "proportion",
        "ratio",
        "moyenne",
        "médiane",
        "indice",
        "note",
        "score",
        "satisfaction",
    }
)


def text_key(text):
    """The text two indicators must share to be added."""
    text = unicodedata.normalize("NFKC", text or "").replace("’", "'").replace("ʼ", "'")
    return " ".join(text.split()).casefold()


def is_additive(label, unit):
    label, unit = text_key(label), text_key(unit)
    if any(sign in unit for sign in NON_ADDITIVE_SIGNS) or "pour cent" in unit:
        return False
    first_words = {words.split()[0] for words in (label, unit) if words}
    return not (first_words & NON_ADDITIVE_WORDS)


@dataclass
class Total:
    """A sum: `value` of `label` in `unit` for `year`, from `initiatives`."""

    label: str
    unit: str
    year: int | None
    value: Decimal = Decimal(0)
    initiatives: list = field(default_factory=list)

    @property
    def unit_in_label(self):
        """ "26 plateformes de mobilité" rather than "26 plateformes (plateformes de mobilité)"."""
        return not self.unit or text_key(self.unit) in text_key(self.label)


def add_up(indicators):
    """(totals, others) from `indicators` (objects with label, value, unit, year
    and initiative): totals by label, unit and year, most recent year first, then
    by label; the indicators that cannot be added, as they are. The label and unit
    shown are those of the first indicator of each total."""
    totals, others = {}, []
    for indicator in indicators:
        if not is_additive(indicator.label, indicator.unit):
            others.append(indicator)
            continue
        key = (text_key(indicator.label), text_key(indicator.unit), indicator.year)
        total = totals.get(key)
        if total is None:
            label, unit = " ".join(indicator.label.split()), " ".join(indicator.unit.split())
            total = totals[key] = Total(label, unit, indicator.year)
        total.value += indicator.value
        if indicator.initiative not in total.initiatives:
            total.initiatives.append(indicator.initiative)
    ordered = sorted(totals.items(), key=lambda item: (-(item[0][2] or 0), item[0][0], item[0][1]))
    return [total for _key, total in ordered], others
