"""The taxonomy of the original Carrefour des Innovations Sociales, in French.

Domaines are the facets of its first version; thématiques are the codes of
its nomenclature (the three-letter code is kept), placed in the domaine they
belong to; the "Méthodes" facet became a domaine of its own. Handicap,
jeunesse and seniors are publics rather than thématiques.
"""

DOMAINS = [
    (
        "cadre-de-vie",
        "Cadre de vie",
        [
            ("AME", "amenagement", "Aménagement du territoire"),
            ("URB", "urbanisme", "Urbanisme"),
            ("MOB", "mobilite", "Mobilité"),
            ("SER", "services-a-la-population", "Services à la population"),
            ("CUL", "culture", "Culture"),
            ("LOI", "loisirs", "Loisirs"),
            ("TOU", "tourisme", "Tourisme"),
        ],
    ),
    (
        "developpement-durable",
        "Développement durable",
        [
            ("AGR", "agriculture-alimentation", "Agriculture et alimentation"),
            ("BIO", "biodiversite", "Biodiversité"),
            ("CLI", "climat", "Climat"),
            ("DEC", "dechets-economie-circulaire", "Déchets et économie circulaire"),
            ("EAU", "eau", "Eau"),
            ("ENE", "energie", "Énergie"),
        ],
    ),
    (
        "developpement-economique",
        "Développement économique",
        [
            ("ECO", "economie-sociale-solidaire", "Économie sociale et solidaire"),
            ("COR", "commerce", "Commerce de proximité et équitable"),
            ("COP", "achats-responsables", "Achats responsables et commande publique"),
            ("FIN", "finance-solidaire", "Finance solidaire"),
            ("NUM", "numerique", "Numérique"),
            ("COM", "communication", "Communication"),
        ],
    ),
    (
        "habitat",
        "Habitat",
        [
            ("HAB", "logement", "Logement et éco-construction"),
        ],
    ),
    (
        "inclusion",
        "Inclusion",
        [
            ("INS", "insertion", "Insertion"),
            ("DRO", "droits", "Accès aux droits et égalité"),
            ("CIT", "citoyennete", "Citoyenneté"),
            ("EDU", "education", "Éducation"),
        ],
    ),
    (
        "lien-social",
        "Lien social",
        [
            ("COH", "cohesion-sociale", "Solidarités et lutte contre l’isolement"),
            ("SEN", "intergenerationnel", "Vieillissement et intergénérationnel"),
            ("JEU", "enfance-jeunesse", "Enfance et jeunesse"),
        ],
    ),
    (
        "sante-et-sport",
        "Santé et sport",
        [
            ("SAN", "sante", "Santé"),
            ("SPO", "sport", "Sport"),
        ],
    ),
    (
        "travail",
        "Travail",
        [
            ("EMP", "emploi", "Emploi"),
            ("FOR", "formation", "Formation"),
        ],
    ),
    (
        "methodes",
        "Méthodes",
        [
            ("COO", "cooperation", "Coopération"),
            ("EVA", "evaluation", "Évaluation"),
            ("GOU", "gouvernance", "Gouvernance"),
            ("MEC", "mecenat", "Mécénat"),
            ("MED", "mediation", "Médiation"),
            ("PAR", "participation", "Participation citoyenne"),
            ("REC", "recherche", "Recherche"),
        ],
    ),
]

PUBLICS = [
    ("tout-public", "Tout public"),
    ("jeunesse", "Jeunes"),
    ("seniors", "Seniors"),
    ("handicap", "Personnes en situation de handicap"),
    ("precarite", "Personnes en situation de précarité"),
    ("sans-domicile", "Personnes sans domicile"),
    ("demandeurs-emploi", "Demandeurs d’emploi"),
    ("femmes", "Femmes"),
    ("victimes-violences", "Victimes de violences"),
    ("justice", "Personnes placées sous main de justice"),
    ("familles", "Familles"),
    ("quartiers-prioritaires", "Habitants des quartiers prioritaires"),
    ("territoires-ruraux", "Habitants des territoires ruraux"),
    ("migrants", "Personnes migrantes"),
    ("entrepreneurs", "Entrepreneurs et porteurs de projet"),
    ("collectivites", "Collectivités et élus"),
]


def seed_taxonomy(Theme, Public):
    """Create or update the domaines, thématiques and publics (idempotent)."""
    for position, (slug, name, children) in enumerate(DOMAINS):
        domain, _ = Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "position": position, "parent": None}
        )
        for child_position, (code, child_slug, child_name) in enumerate(children):
            Theme.objects.update_or_create(
                slug=child_slug,
                defaults={
                    "name": child_name,
                    "code": code,
                    "parent": domain,
                    "position": child_position,
                },
            )
    for position, (slug, name) in enumerate(PUBLICS):
        Public.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})
