"""The codes of the second version of the original Carrefour des Innovations
Sociales (cis-csv exports), mapped to our taxonomy (themes/taxonomy.py).

Level-1 and level-2 codes are two disjoint sets of three letters, so a code
says its level. Our taxonomy is the first version's nomenclature: most codes
have a thématique of the same meaning; handicap and seniors are publics in
ours. Loose matches say why in their note.
"""

from . import Target

LEVEL_1 = {
    "EDU": "Education et jeunesse",
    "EMP": "Emploi",
    "ENV": "Environnement",
    "SAN": "Santé",
    "SOL": "Solidarité",
    "TER": "Territoires",
    "ART": "Arts et culture",
    "COM": "Communication",
    "CON": "Consommation et services responsables",
    "DEM": "Démocratie",
    "GOU": "Gouvernance",
    "NUM": "Numérique",
    "SPO": "Sport",
    "TOU": "Tourisme",
    "FIN": "Financement",
    "PAT": "Patrimoine",
}

LEVEL_2 = {
    "EDC": "Education et citoyenneté",
    "EGA": "Egalité des chances",
    "ENF": "Enfance jeunesse famille",
    "INN": "Innovation pédagogique",
    "ACE": "Accès à l'emploi",
    "FOR": "Formation professionnelle",
    "ORG": "Organisation du travail",
    "ADA": "Adaptation au changement climatique",
    "AGR": "Agriculture durable",
    "ALI": "Alimentation durable",
    "GES": "Gestion des déchets",
    "ENE": "Energies",
    "PRN": "Préservation des ressources naturelles",
    "ACS": "Accès à la santé",
    "AID": "Aide à l'autonomie",
    "BIE": "Bien-être",
    "PRV": "Prévention",
    "EFH": "Egalité femmes-hommes",
    "GRA": "Grande précarité",
    "HAN": "Handicap",
    "LIE": "Lien social",
    "LUT": "Lutte contre les discriminations",
    "SEN": "Seniors",
    "AMH": "Aménagement / Habitat",
    "COO": "Coopération territoriale",
    "INI": "Initiatives citoyennes",
    "MOB": "Mobilité",
}

CODES = {**LEVEL_1, **LEVEL_2}

CROSSWALK = {
    # Level 1: thématiques.
    "EDU": Target(("education", "enfance-jeunesse"), ("jeunesse",)),
    "EMP": Target(("emploi",)),
    "ENV": Target(
        ("biodiversite", "climat"),
        note="Pas de thématique « environnement » : biodiversité et climat ; les "
        "sous-thématiques (déchets, énergie, alimentation…) précisent.",
    ),
    "SAN": Target(("sante",)),
    "SOL": Target(("cohesion-sociale",)),
    "TER": Target(("amenagement",)),
    "ART": Target(("culture",)),
    "COM": Target(("communication",)),
    "CON": Target(
        ("commerce", "achats-responsables"),
        note="Consommation responsable : commerce équitable et achats responsables.",
    ),
    "DEM": Target(("participation", "citoyennete")),
    "GOU": Target(("gouvernance",)),
    "NUM": Target(("numerique",)),
    "SPO": Target(("sport",)),
    "TOU": Target(("tourisme",)),
    "FIN": Target(
        ("finance-solidaire",),
        note="Le financement de projets n’a pas de thématique : finance solidaire.",
    ),
    "PAT": Target(("culture",), note="Pas de thématique « patrimoine » : culture."),
    # Level 2: sous-thématiques.
    "EDC": Target(("education", "citoyennete")),
    "EGA": Target(("education", "droits")),
    "ENF": Target(("enfance-jeunesse",), ("jeunesse", "familles")),
    "INN": Target(("education",), note="Pas de thématique « pédagogie » : éducation."),
    "ACE": Target(("emploi", "insertion"), ("demandeurs-emploi",)),
    "FOR": Target(("formation",)),
    "ORG": Target(("emploi",), note="Pas de thématique « organisation du travail » : emploi."),
    "ADA": Target(("climat",)),
    "AGR": Target(("agriculture-alimentation",)),
    "ALI": Target(("agriculture-alimentation",)),
    "GES": Target(("dechets-economie-circulaire",)),
    "ENE": Target(("energie",)),
    "PRN": Target(("biodiversite", "eau")),
    "ACS": Target(("sante",)),
    "AID": Target(
        ("sante",),
        ("seniors", "handicap"),
        note="L’autonomie est celle des personnes âgées ou handicapées : santé et ces publics.",
    ),
    "BIE": Target(("sante",)),
    "PRV": Target(("sante",)),
    "EFH": Target(("droits",), ("femmes",)),
    "GRA": Target(("cohesion-sociale",), ("precarite", "sans-domicile")),
    "HAN": Target(publics=("handicap",), note="Le handicap est un public, pas une thématique."),
    "LIE": Target(("cohesion-sociale",)),
    "LUT": Target(("droits",)),
    "SEN": Target(("intergenerationnel",), ("seniors",)),
    "AMH": Target(("amenagement", "logement")),
    "COO": Target(("cooperation",)),
    "INI": Target(("participation",)),
    "MOB": Target(("mobilite",)),
}
