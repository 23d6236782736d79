"""The label of an award: what the directory's `label=` filter and facet name.

Awards are typed freely ("Lauréat La France s’engage", "La France s'engage
2020", "Lauréate du Prix de l’ESS (2019)"): the same label is the award's name
without the words that say how it was won (lauréat, lauréate, finaliste…)
nor its year. Its value in URLs is the slug of that name, accents dropped and
apostrophes read as spaces: "la-france-s-engage", "prix-de-l-ess".
"""

import re

from django.utils.text import slugify

# How it was won, before the name: "Lauréat", "Lauréate du", "Finalistes de l’".
WON = re.compile(
    r"^(?:laur[ée]at(?:e|s|es|·e)?|finaliste?s?)\b[\s:–—-]*"
    r"(?:(?:du|des|de\s+la|de\s+l['’]|de)\s*)?",
    re.IGNORECASE,
)
# The year, after the name: "2020", "(2020)", "– 2020", "édition 2020".
YEAR = re.compile(r"[\s,–—-]*\(?(?:[ée]dition\s+)?(?:19|20)[0-9]{2}\)?\s*$", re.IGNORECASE)
APOSTROPHES = re.compile(r"['’`]")
MAX_SLUG_LENGTH = 220


def label_name(award_name):
    """The name of the label of an award called `award_name`: "La France s’engage"."""
    name = " ".join((award_name or "").split())
    name = YEAR.sub("", WON.sub("", name)).strip(" :–—-")
    return name[:1].upper() + name[1:]


def award_title(name, year):
    """An award as cards and fiches name it: "Lauréat La France s’engage 2016"
    (its year once, if its name already says it)."""
    if year and str(year) not in name:
        return f"{name} {year}"
    return name


def label_slug(award_name):
    """The `label=` value of an award called `award_name`: "la-france-s-engage";
    "" when nothing is left of its name."""
    return slugify(APOSTROPHES.sub(" ", label_name(award_name)))[:MAX_SLUG_LENGTH].strip("-")
