"""Realistic French texts for synthetic initiatives, composed from word lists.

Pure functions of a `random.Random`: the same generator state gives the same
name, summary and description. Used by `manage.py generate_initiatives`.
"""

# (label, thématiques, publics, what it does, why it matters, what it aims at)
FORMATS = [
    (
        "Épicerie solidaire",
        ["agriculture-alimentation", "cohesion-sociale"],
        ["precarite", "familles"],
        "propose des produits frais et de qualité à petits prix",
        "de nombreuses familles doivent choisir entre bien se nourrir et payer leurs factures",
        "rendre une alimentation de qualité accessible à tous",
    ),
    (
        "Atelier vélo",
        ["mobilite", "dechets-economie-circulaire"],
        ["jeunesse", "tout-public"],
        "apprend à chacun à réparer et entretenir son vélo",
        "se déplacer sans voiture reste compliqué pour beaucoup d’habitants",
        "rendre la mobilité douce accessible à tous",
    ),
    (
        "Repair café",
        ["dechets-economie-circulaire", "cohesion-sociale"],
        ["tout-public", "seniors"],
        "réunit des bénévoles bricoleurs pour réparer appareils, vêtements et objets du quotidien",
        "trop d’objets encore réparables finissent à la déchetterie",
        "allonger la vie des objets et transmettre des savoir-faire",
    ),
    (
        "Cantine partagée",
        ["agriculture-alimentation", "cohesion-sociale"],
        ["seniors", "tout-public"],
        "sert chaque midi un repas cuisiné ensemble avec des produits locaux",
        "beaucoup de personnes âgées ou isolées prennent leurs repas seules",
        "rompre la solitude autour d’une table commune",
    ),
    (
        "Jardin partagé",
        ["agriculture-alimentation", "biodiversite"],
        ["familles", "quartiers-prioritaires"],
        "met à disposition des parcelles cultivées collectivement",
        "les habitants des immeubles n’ont aucun accès à un coin de terre",
        "cultiver des légumes et des liens entre voisins",
    ),
    (
        "Tiers-lieu",
        ["economie-sociale-solidaire", "participation"],
        ["entrepreneurs", "tout-public"],
        "rassemble un espace de travail partagé, un café et des ateliers ouverts",
        "les lieux de rencontre et de travail manquent hors des grandes villes",
        "faire naître des projets collectifs sur le territoire",
    ),
    (
        "Garage solidaire",
        ["mobilite", "insertion"],
        ["precarite", "demandeurs-emploi"],
        "répare à prix réduit les véhicules des personnes aux revenus modestes",
        "une simple panne de voiture peut coûter un emploi",
        "lever un frein majeur au retour à l’emploi",
    ),
    (
        "Ressourcerie",
        ["dechets-economie-circulaire", "insertion"],
        ["demandeurs-emploi"],
        "collecte, remet en état et revend meubles et objets de seconde main",
        "des tonnes d’objets sont jetées alors qu’ils pourraient encore servir",
        "réduire les déchets tout en créant des emplois d’insertion",
    ),
    (
        "Café associatif",
        ["cohesion-sociale", "culture"],
        ["tout-public", "territoires-ruraux"],
        "fait vivre un lieu convivial où se tiennent concerts, débats et permanences",
        "le dernier bistrot a fermé et les occasions de se croiser se font rares",
        "redonner au village un lieu de vie partagé",
    ),
    (
        "Accorderie",
        ["cohesion-sociale", "economie-sociale-solidaire"],
        ["tout-public", "precarite"],
        "organise l’échange de services entre habitants, une heure donnée valant une heure reçue",
        "beaucoup d’habitants ont des savoir-faire à partager mais peu d’occasions de le faire",
        "valoriser les compétences de chacun sans argent",
    ),
    (
        "Fablab",
        ["numerique", "education"],
        ["jeunesse", "entrepreneurs"],
        "donne accès à des machines de fabrication numérique et à des formations",
        "les jeunes du territoire ont peu accès aux outils numériques et à la fabrication",
        "éveiller des vocations techniques et créatives",
    ),
    (
        "Maison de santé participative",
        ["sante", "droits"],
        ["precarite", "quartiers-prioritaires"],
        "réunit médecins, infirmiers et médiateurs pour un accès aux soins sans barrière",
        "les délais pour consulter s’allongent et certains renoncent à se soigner",
        "réduire les inégalités d’accès à la santé",
    ),
    (
        "Habitat inclusif",
        ["logement", "intergenerationnel"],
        ["handicap", "seniors"],
        "propose des logements adaptés avec des espaces communs et un accompagnement partagé",
        "il existe peu de solutions entre le domicile familial et l’établissement spécialisé",
        "permettre à chacun de vivre chez soi sans être seul",
    ),
    (
        "Colocation intergénérationnelle",
        ["logement", "intergenerationnel"],
        ["seniors", "jeunesse"],
        "met en relation des aînés ayant une chambre libre et des jeunes en quête de logement",
        "se loger coûte cher aux étudiants quand des aînés vivent seuls dans de grands logements",
        "loger les jeunes et rompre l’isolement des aînés",
    ),
    (
        "Conciergerie solidaire",
        ["services-a-la-population", "emploi"],
        ["demandeurs-emploi", "tout-public"],
        "rend des services du quotidien aux habitants en créant des emplois d’insertion",
        "les services de proximité disparaissent et les emplois peu qualifiés manquent",
        "simplifier la vie quotidienne et créer des emplois locaux",
    ),
    (
        "Chantier d’insertion",
        ["insertion", "emploi"],
        ["demandeurs-emploi", "justice"],
        "embauche des personnes éloignées de l’emploi pour entretenir sentiers et rivières",
        "des personnes sans emploi depuis longtemps peinent à reprendre pied",
        "offrir un premier pas vers un emploi durable",
    ),
    (
        "Point numérique",
        ["numerique", "droits"],
        ["seniors", "precarite"],
        "accompagne les habitants dans leurs démarches en ligne et l’usage des outils numériques",
        "les démarches en ligne laissent de côté ceux qui sont peu à l’aise avec internet",
        "éviter que quiconque perde ses droits faute d’ordinateur",
    ),
    (
        "Transport solidaire",
        ["mobilite", "services-a-la-population"],
        ["seniors", "territoires-ruraux"],
        "organise des trajets avec des chauffeurs bénévoles vers les commerces et les médecins",
        "sans voiture, aller chez le médecin ou faire ses courses devient un casse-tête",
        "maintenir l’autonomie des personnes non motorisées",
    ),
    (
        "Coopérative d’énergie citoyenne",
        ["energie", "participation"],
        ["tout-public", "collectivites"],
        "installe sur les toits publics des panneaux solaires financés par les habitants",
        "les habitants veulent agir pour la transition énergétique sans savoir comment",
        "produire une énergie renouvelable locale et partagée",
    ),
    (
        "Ludothèque",
        ["culture", "enfance-jeunesse"],
        ["familles", "tout-public"],
        "prête des jeux et anime des après-midi ludiques pour toutes les générations",
        "les familles manquent de lieux gratuits pour partager un moment avec leurs enfants",
        "faire du jeu un outil d’éducation et de rencontre",
    ),
    (
        "Légumerie",
        ["agriculture-alimentation", "insertion"],
        ["demandeurs-emploi"],
        "lave, épluche et découpe les légumes de producteurs voisins pour les cantines scolaires",
        "les cantines peinent à servir des produits locaux faute d’outil de transformation",
        "relocaliser l’alimentation des écoliers",
    ),
    (
        "Épicerie itinérante",
        ["commerce", "services-a-la-population"],
        ["territoires-ruraux", "seniors"],
        "passe chaque semaine dans les hameaux avec un camion d’épicerie et de produits fermiers",
        "dans les villages sans commerce, s’approvisionner devient difficile sans voiture",
        "ramener un commerce de proximité là où il a disparu",
    ),
    (
        "Monnaie locale",
        ["economie-sociale-solidaire", "finance-solidaire"],
        ["tout-public", "entrepreneurs"],
        "fait circuler une monnaie complémentaire acceptée par les commerçants du territoire",
        "une grande partie de l’argent dépensé sur place quitte aussitôt le territoire",
        "soutenir l’économie locale et les circuits courts",
    ),
    (
        "Club sport santé",
        ["sport", "sante"],
        ["seniors", "handicap"],
        "propose des activités physiques adaptées, encadrées par des éducateurs formés",
        "la sédentarité aggrave les maladies chroniques et l’isolement",
        "encourager chacun à bouger pour rester en bonne santé",
    ),
    (
        "Crèche à vocation d’insertion",
        ["enfance-jeunesse", "insertion"],
        ["familles", "femmes"],
        "réserve des places d’accueil aux enfants de parents en recherche d’emploi",
        "sans mode de garde, des parents, souvent des mères seules, ne peuvent chercher un emploi",
        "aider à concilier vie de famille et retour à l’emploi",
    ),
    (
        "Auto-école sociale",
        ["mobilite", "insertion"],
        ["jeunesse", "demandeurs-emploi"],
        "prépare au permis de conduire avec une pédagogie adaptée et des tarifs selon les revenus",
        "le permis de conduire reste un frein majeur à l’embauche",
        "ouvrir l’accès à l’emploi et à la formation",
    ),
    (
        "Pension de famille",
        ["logement", "cohesion-sociale"],
        ["sans-domicile", "precarite"],
        "offre un logement durable et une vie collective à des personnes sorties de la rue",
        "des personnes sans domicile enchaînent les hébergements d’urgence sans solution stable",
        "aider chacun à retrouver un chez-soi et une place dans la cité",
    ),
    (
        "Compost de quartier",
        ["dechets-economie-circulaire", "biodiversite"],
        ["tout-public", "familles"],
        "installe des composteurs partagés gérés par des habitants référents",
        "les déchets de cuisine remplissent encore une bonne part des poubelles",
        "réduire les déchets et nourrir les sols",
    ),
    (
        "Bistrot de pays",
        ["commerce", "tourisme"],
        ["territoires-ruraux", "tout-public"],
        "fait revivre un café de village qui sert aussi de relais d’information pour les visiteurs",
        "les petites communes perdent leurs derniers commerces et leurs lieux de rencontre",
        "maintenir la vie sociale et accueillir les visiteurs",
    ),
    (
        "Radio associative",
        ["communication", "culture"],
        ["jeunesse", "quartiers-prioritaires"],
        "réalise avec les habitants des émissions sur la vie locale",
        "les habitants se sentent peu entendus et mal représentés dans les médias",
        "donner la parole à ceux qu’on entend peu",
    ),
    (
        "Permanence d’accès aux droits",
        ["droits", "mediation"],
        ["migrants", "precarite"],
        "informe et accompagne gratuitement dans les démarches administratives et juridiques",
        "beaucoup de personnes ne demandent pas les aides auxquelles elles ont droit",
        "faire reculer le non-recours aux droits",
    ),
    (
        "Médiation de voisinage",
        ["mediation", "cohesion-sociale"],
        ["quartiers-prioritaires", "familles"],
        "forme des médiateurs bénévoles pour apaiser les conflits du quotidien",
        "les petits conflits entre voisins dégradent la vie des quartiers",
        "rétablir le dialogue plutôt que le recours à la plainte",
    ),
    (
        "Groupement d’employeurs",
        ["emploi", "cooperation"],
        ["demandeurs-emploi", "entrepreneurs"],
        "permet à plusieurs petites entreprises de partager des salariés à temps plein",
        "les petites structures ont des besoins à temps partiel qui ne suffisent pas à un emploi",
        "créer des emplois stables à partir de besoins partiels",
    ),
    (
        "Bibliothèque de rue",
        ["culture", "education"],
        ["familles", "quartiers-prioritaires"],
        "installe des livres et des lectures au pied des immeubles chaque semaine",
        "de nombreux enfants n’ont aucun livre à la maison",
        "donner le goût de lire dès le plus jeune âge",
    ),
    (
        "Habitat participatif",
        ["logement", "participation"],
        ["familles", "seniors"],
        "accompagne des habitants qui conçoivent et gèrent ensemble leur immeuble",
        "se loger dignement devient difficile et l’habitat reste souvent anonyme",
        "aider à vivre autrement, en partageant espaces et décisions",
    ),
    (
        "Ferme pédagogique",
        ["agriculture-alimentation", "education"],
        ["familles", "handicap"],
        "accueille écoles et familles pour découvrir l’élevage, le maraîchage et les animaux",
        "les enfants des villes connaissent mal l’origine de leur alimentation",
        "reconnecter petits et grands avec la terre",
    ),
]

NICKNAMES = [
    "La Clé des champs", "Le Fil d’Ariane", "Les Mains vertes", "Pas à pas", "L’Établi",
    "La Passerelle", "Le Relais", "La Fabrique", "Le Chaudron", "Les Pousses", "La Ruche",
    "L’Escale", "Le Grain de sel", "La Boussole", "Le Trait d’union", "La Roue libre",
    "Le Petit Pont", "La Bonne Graine", "Le Tournesol", "La Courte Échelle", "Le Coup de main",
    "La Main tendue", "La Marmite", "Le Cercle", "L’Oasis", "La Source", "Le Phare",
    "La Cabane", "Le Maillon", "La Navette", "Les Semeurs", "L’Envol", "Le Rebond",
    "La Clairière", "Le Fournil", "La Traverse", "L’Embellie", "Le Lien", "La Bricole",
    "Les Voisins d’abord", "Le Jardin d’à côté", "La Belle Ouvrage", "L’Arbre à palabres",
]  # fmt: skip

STRUCTURES = {
    "association": "une association",
    "cooperative": "une coopérative",
    "entreprise-sociale": "une entreprise solidaire",
    "collectif": "un collectif d’habitants",
    "collectivite": "un service municipal",
    "fondation": "une fondation",
    "entreprise": "une entreprise engagée",
    "etablissement-public": "un établissement public",
}

PUBLIC_PHRASES = {
    "tout-public": "tous les habitants",
    "jeunesse": "les jeunes de 16 à 25 ans",
    "seniors": "les personnes âgées",
    "handicap": "les personnes en situation de handicap",
    "precarite": "les foyers aux revenus modestes",
    "sans-domicile": "les personnes sans domicile",
    "demandeurs-emploi": "les demandeurs d’emploi",
    "femmes": "les femmes",
    "victimes-violences": "les victimes de violences",
    "justice": "les personnes sortant de détention",
    "familles": "les familles",
    "quartiers-prioritaires": "les habitants des quartiers prioritaires",
    "territoires-ruraux": "les habitants des villages alentour",
    "migrants": "les personnes exilées",
    "entrepreneurs": "les porteurs de projet",
    "collectivites": "les communes voisines",
}

FOUNDERS = [
    "un groupe d’habitants", "des travailleurs sociaux", "une poignée de bénévoles",
    "deux anciennes salariées du secteur", "des parents d’élèves", "des agriculteurs du canton",
    "l’équipe du centre social", "un collectif de jeunes", "des retraités engagés",
    "la municipalité et des associations locales",
]  # fmt: skip
CONTEXTS = [
    "{Need} : c’est le constat partagé par les habitants et les élus {of_commune}.",
    "{at_commune} comme ailleurs, {need}.",
    "Le point de départ est simple : {need}.",
    "Depuis plusieurs années, les acteurs de terrain le répètent : {need}.",
]
ORIGINS = [
    "Le projet voit le jour en {year} à l’initiative {of_founders}.",
    "Le projet est lancé en {year} par {founders}, d’abord à titre d’essai.",
    "L’idée naît en {year} lors d’une réunion publique, portée par {founders}.",
]
SOLUTIONS = [
    "Concrètement, {structure} {activity}.",
    "Le principe : {structure} qui {activity}, au plus près des besoins.",
    "Au quotidien, l’équipe {activity}.",
]
WORKINGS = [
    "Des bénévoles se relaient chaque semaine, épaulés par {staff} salariés.",
    "Les usagers participent aux décisions lors d’assemblées ouvertes deux fois par an.",
    "Un comité réunissant usagers, partenaires et élus fixe chaque année les priorités.",
    "L’accueil est gratuit et sans condition, sur simple inscription.",
    "Les tarifs sont modulés selon les revenus de chacun.",
    "Un accompagnement individuel complète les activités collectives.",
    "Les horaires ont été choisis avec les habitants pour convenir au plus grand nombre.",
    "Une charte rédigée collectivement précise les droits et les engagements de chacun.",
]
PARTNERS = [
    "la commune, qui met un local à disposition",
    "le centre communal d’action sociale et plusieurs associations du quartier",
    "des entreprises du territoire engagées dans le mécénat",
    "la mission locale et les services de l’emploi",
    "le département et la caisse d’allocations familiales",
    "un réseau de producteurs et d’artisans locaux",
    "l’intercommunalité, qui finance une partie du poste de coordination",
    "des écoles, des collèges et un lycée professionnel",
]
AUDIENCES = [
    "Les premiers concernés sont {public}, souvent loin des dispositifs existants.",
    "L’initiative s’adresse d’abord à {public}, mais reste ouverte à tous.",
    "Elle touche en priorité {public}, sans exclure personne.",
]
SCHEDULES = [
    "du mardi au samedi",
    "trois demi-journées par semaine",
    "chaque mercredi et chaque samedi",
    "tous les jours sauf le dimanche",
    "en soirée et le week-end",
]
EVERYONE = "Chacun peut y participer, sans condition."
EXTRAS = [
    "des ateliers collectifs sur l’alimentation, le budget ou la santé ont lieu chaque mois",
    "des temps conviviaux ouverts à tous rythment l’année",
    "des formations permettent aux bénévoles de monter en compétences",
    "des permanences orientent vers les autres services du territoire",
    "des rencontres avec d’autres initiatives sont organisées régulièrement",
    "un espace d’accueil permet simplement de passer prendre un café et discuter",
]
QUOTES = [
    "Ici, on se sent utile et attendu",
    "Ce lieu m’a permis de reprendre confiance",
    "On vient pour un service, on revient pour les gens",
    "Chacun apporte ce qu’il sait faire",
    "Le plus dur, c’était de pousser la porte la première fois",
]
SPEAKERS = [
    "une bénévole de la première heure",
    "un habitant du quartier",
    "la coordinatrice",
    "un usager fidèle",
    "l’un des fondateurs",
]
MEASURES = [
    "la fréquentation et les retours des usagers",
    "l’évolution de la situation des personnes accompagnées",
    "l’impact social du projet, avec l’appui d’un cabinet spécialisé",
    "les emplois créés et les sorties vers un emploi durable",
]
IMPACTS = [
    "L’an dernier, {number} personnes en ont bénéficié.",
    "Chaque année, près de {number} habitants franchissent la porte.",
    "Depuis l’ouverture, plus de {number} personnes ont été accompagnées.",
    "Le projet mobilise aujourd’hui {volunteers} bénévoles réguliers.",
]
OUTLOOKS = {
    "ideation": "Le projet en est encore à ses débuts : une étude de faisabilité est en cours.",
    "experimentation": "Après une première année d’essai, l’équipe tire les leçons et ajuste.",
    "consolidation": "L’enjeu est désormais de stabiliser le modèle économique.",
    "essaimage": "L’équipe aide désormais d’autres territoires à reproduire la démarche.",
}
INNOVATIONS = [
    "la participation des bénéficiaires à chaque décision",
    "l’alliance entre une collectivité, des entreprises et des associations",
    "un modèle économique hybride qui mêle ventes, subventions et mécénat",
    "un outil numérique simple mis au service du lien humain",
    "l’implication des habitants à toutes les étapes",
    "la mutualisation de moyens entre structures voisines",
    "un ancrage rural rarement vu pour ce type de service",
]


def compose_name(rng, label, commune):
    pattern = rng.randrange(3)
    if pattern == 0:
        return f"{label} {of(commune)}"
    nickname = rng.choice(NICKNAMES)
    if pattern == 1:
        return f"{label} {nickname}"
    return f"{nickname}, {label[0].lower()}{label[1:]} {of(commune)}"


def compose_summary(words):
    """About thirty words: where, who, what, for whom and why."""
    public = words["public"] or "tous les habitants"
    return (
        f"{at(words['commune'])}, {STRUCTURES[words['structure_type']]} {words['activity']}. "
        f"Au service {of(public)}, le projet veut {words['goal']}."
    )


def compose_description(rng, words):
    """About two hundred words in three paragraphs: the need, the answer, its roots."""
    founders = rng.choice(FOUNDERS)
    fill = {
        **words,
        "Need": capitalised(words["need"]),
        "of_commune": of(words["commune"]),
        "at_commune": at(words["commune"]),
        "structure": STRUCTURES[words["structure_type"]],
        "founders": founders,
        "of_founders": of(founders),
        "staff": rng.randint(1, 6),
        "number": rng.choice([40, 80, 120, 150, 200, 350, 500, 800, 1200]),
        "volunteers": rng.randint(5, 60),
    }
    partner, other_partner = rng.sample(PARTNERS, 2)
    audience = rng.choice(AUDIENCES) if words["public"] else EVERYONE
    need = [rng.choice(CONTEXTS), audience, rng.choice(ORIGINS)]
    answer = [
        rng.choice(SOLUTIONS),
        f"En complément, {rng.choice(EXTRAS)}.",
        f"Les activités ont lieu {rng.choice(SCHEDULES)}.",
        *rng.sample(WORKINGS, 2),
    ]
    roots = [
        f"Le projet s’appuie sur {partner}. Il travaille aussi avec {other_partner}.",
        rng.choice(IMPACTS),
        f"« {rng.choice(QUOTES)} », résume {rng.choice(SPEAKERS)}.",
        f"Un bilan annuel, partagé avec les partenaires, suit {rng.choice(MEASURES)}.",
        OUTLOOKS[words["stage"]],
    ]
    return "\n\n".join(
        " ".join(sentence.format(**fill) for sentence in paragraph)
        for paragraph in (need, answer, roots)
    )


def compose_innovation(rng):
    return f"L’originalité du projet tient à {rng.choice(INNOVATIONS)}."


def capitalised(text):
    return text[:1].upper() + text[1:]


VOWELS = tuple("AEIOUYÀÂÉÈÊÎÔÛHaeiouyàâéèêîôûh")
CONTRACTIONS = (
    ("Le ", "du "),
    ("Les ", "des "),
    ("le ", "du "),
    ("les ", "des "),
    ("des ", "des "),
)


def of(words):
    """Words after "de": du Havre, des Mureaux, des jeunes, d’Annecy, d’une, de Voiron."""
    for article, contracted in CONTRACTIONS:
        if words.startswith(article):
            return contracted + words[len(article) :]
    if words.startswith(VOWELS):
        return "d’" + words
    return "de " + words


def at(commune):
    """A commune after "à", at the start of a sentence: Au Havre, Aux Mureaux, À Voiron."""
    if commune.startswith("Le "):
        return "Au " + commune[3:]
    if commune.startswith("Les "):
        return "Aux " + commune[4:]
    return "À " + commune
