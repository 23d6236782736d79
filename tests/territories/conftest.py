"""A small directory around Voiron whose dashboard figures are computed by hand.

Populations are set for the test: every other commune of Isère has none, so
the comparable communes of Voiron (10,000 inhabitants: from 5,000 to 20,000)
are exactly five, in Isère, 50,000 inhabitants together:

    Grenoble 5,000 (the lower bound) · Échirolles 10,000 · Saint-Martin-d'Hères
    10,000 · Fontaine 20,000 (the upper bound) · Meylan 5,000

Vienne (21,000) and Voreppe (4,999) are just outside the band.

Voiron: 2 initiatives → 2.0 per 10,000 inhabitants.
    « Insertion et culture à Voiron »: insertion, culture; expérimentation; located there.
    « Santé mobile »: insertion, santé; consolidation; in Lyon, acting in Voiron.
    Not counted: a draft located there, one acting on all of Isère, one national.
Comparables (each initiative counted in each of them where it is):
    mobilité: 2 in Grenoble, 1 in Échirolles, 1 in Saint-Martin-d'Hères, 1 in Fontaine,
        1 in Meylan acting in Fontaine (2) → 7 → 1.4 per 10,000; none in Voiron.
    culture: 2 acting in all five (10), 1 in Grenoble → 11 → 2.2; 1.0 in Voiron.
    santé: 1 in Grenoble → 1: too few to call it covered.
    all: Grenoble 6, Échirolles 3, Saint-Martin-d'Hères 3, Fontaine 4, Meylan 3 → 19 → 3.8.
"""

import pytest

from initiatives.models import Initiative
from territories.models import Territory

VOIRON = "commune-38563"
PEERS = {
    "38185": 5_000,  # Grenoble
    "38151": 10_000,  # Échirolles
    "38421": 10_000,  # Saint-Martin-d'Hères
    "38169": 20_000,  # Fontaine
    "38229": 5_000,  # Meylan
}
OUTSIDE = {"38544": 21_000, "38565": 4_999}  # Vienne, Voreppe


def set_populations():
    isere = Territory.objects.by_key("departement-38")
    communes = Territory.objects.filter(kind="commune", departement=isere)
    communes.update(population=None)
    for code, population in {**PEERS, **OUTSIDE, "38563": 10_000}.items():
        communes.filter(code=code).update(population=population)


@pytest.fixture
def voiron_directory(make_initiative):
    set_populations()
    make = make_initiative
    make(
        "Insertion et culture à Voiron",
        themes=["insertion", "culture"],
        commune=VOIRON,
        stage=Initiative.Stage.EXPERIMENTATION,
    )
    make(
        "Santé mobile",
        themes=["insertion", "sante"],
        commune="commune-69123",
        territories=[VOIRON],
        stage=Initiative.Stage.CONSOLIDATION,
    )
    make("Brouillon à Voiron", themes=["mobilite"], commune=VOIRON, status="draft")
    make("Partout en Isère", themes=["mobilite"], territories=["departement-38"])
    make("Partout en France", themes=["mobilite"], is_national=True)
    for number, code in enumerate(["38185", "38185", "38151", "38421", "38169"]):
        make(f"Mobilité {number}", themes=["mobilite"], commune=f"commune-{code}")
    make(
        "Mobilité de Meylan à Fontaine",
        themes=["mobilite"],
        commune="commune-38229",
        territories=["commune-38169"],
    )
    everywhere = [f"commune-{code}" for code in PEERS]
    make("Culture partout A", themes=["culture"], territories=everywhere)
    make("Culture partout B", themes=["culture"], territories=everywhere)
    make("Culture à Grenoble", themes=["culture"], commune="commune-38185")
    make("Santé à Grenoble", themes=["sante"], commune="commune-38185")
    make("Mobilité à Vienne", themes=["mobilite"], commune="commune-38544")
    make("Mobilité à Voreppe", themes=["mobilite"], commune="commune-38565")
