"""What the read API answers, as Pydantic schemas: its OpenAPI document is
generated from them, and every answer is validated against them.

Only what the site's public pages show is here: never a contact email, a
holder, a draft, a moderation note or a source's export settings.
"""

from datetime import date, datetime

from ninja import Field, Schema


class Error(Schema):
    erreur: str = Field(description="Ce qui ne va pas, en français.")
    champs: dict[str, list[str]] = Field(
        default_factory=dict, description="Pour chaque paramètre refusé, pourquoi."
    )


class Position(Schema):
    longitude: float
    latitude: float


class TerritoryRef(Schema):
    cle: str = Field(description="`<type>-<code>`, par exemple `commune-38563`.")
    type: str
    nom: str


class Territory(TerritoryRef):
    code: str
    population: int | None
    parents: list[TerritoryRef] = Field(
        description="Région, département et EPCI qui le contiennent."
    )
    url: str


class TaxonomyRef(Schema):
    slug: str
    nom: str


class Theme(TaxonomyRef):
    code: str
    domaine: str | None = Field(
        description="Slug du domaine d’une thématique ; null pour un domaine."
    )
    description: str


class Public(TaxonomyRef):
    pass


class ActorRef(Schema):
    slug: str
    nom: str


class Actor(ActorRef):
    type: str
    site_web: str
    nationale: bool
    url: str


class ProgrammeRef(Schema):
    slug: str
    nom: str
    description: str
    site_web: str
    url: str


class ActorDetail(Actor):
    description: str
    territoire: str | None = Field(description="Clé du territoire de l’acteur.")
    territoires: list[str] = Field(description="Clés des territoires où il agit.")
    thematiques: list[str]
    programmes: list[ProgrammeRef]


class Source(Schema):
    slug: str
    nom: str
    site_web: str
    licence: str
    licence_url: str
    acteur: ActorRef | None
    url: str


class Initiative(Schema):
    slug: str
    nom: str
    resume: str
    url: str = Field(description="Adresse de la fiche sur le site.")
    commune: TerritoryRef | None = Field(description="Commune du lieu principal.")
    position: Position | None = Field(description="Position du lieu principal.")
    thematiques: list[str] = Field(description="Slugs des thématiques (et domaines).")
    publics: list[str]
    etape: str
    structure: str
    nationale: bool
    fictive: bool
    publiee_le: datetime | None
    modifiee_le: datetime


class Site(Schema):
    nom: str
    adresse: str
    commune: TerritoryRef | None
    position: Position | None


class Role(Schema):
    acteur: ActorRef
    role: str
    role_libelle: str
    programme: str | None


class Indicator(Schema):
    libelle: str
    valeur: float
    unite: str
    annee: int | None


class Award(Schema):
    nom: str
    annee: int | None
    label: str | None = Field(
        description="Valeur du filtre `label=` : les initiatives ayant la même distinction."
    )


class Listing(Schema):
    source: TaxonomyRef
    page: str = Field(description="Adresse de l’initiative chez la source.")
    mise_a_jour: str | None = Field(description="Date de mise à jour chez la source.")


class InitiativeDetail(Initiative):
    description: str
    innovation: str
    site_web: str
    annee_creation: int | None
    porteuse: ActorRef | None
    territoires_action: list[TerritoryRef]
    lieux: list[Site]
    acteurs: list[Role]
    indicateurs: list[Indicator]
    distinctions: list[Award]
    sources: list[Listing]


class Page(Schema):
    total: int = Field(description="Nombre de résultats, toutes pages confondues.")
    total_exact: bool = Field(
        True,
        description="Faux quand la recherche trouve plus de résultats qu’elle n’en compte "
        "(10 000) : `total` est alors une estimation, au moins ce nombre plus un.",
    )
    page: int
    pages: int
    par_page: int
    suivante: str | None = Field(description="Adresse de la page suivante.")
    precedente: str | None


class InitiativePage(Page):
    resultats: list[Initiative]


class ActorPage(Page):
    resultats: list[Actor]


class TerritoryPage(Page):
    resultats: list[Territory]


class Call(Schema):
    nom: str
    ouverture: date | None = Field(description="Vide : ouvert dès maintenant.")
    cloture: date = Field(description="Dernier jour pour candidater.")
    site_web: str


class Programme(Schema):
    slug: str
    nom: str
    type: str
    resume: str
    porteurs: list[ActorRef]
    permanent: bool = Field(description="Candidatures toute l’année.")
    prochaine_cloture: date | None = Field(
        description="Clôture de l’appel ouvert qui ferme le premier (vide sans appel ouvert)."
    )
    url: str = Field(description="Adresse de sa page sur le site.")


class Eligibility(Schema):
    territoires: list[str] = Field(description="Clés des territoires ; vide : partout.")
    nationale: bool
    thematiques: list[str] = Field(description="Slugs ; vide : toutes.")
    publics: list[str] = Field(description="Slugs ; vide : tous.")
    etapes: list[str] = Field(description="Vide : toutes.")
    structures: list[str] = Field(description="Vide : toutes.")
    conditions: str


class ProgrammeDetail(Programme):
    apport: str = Field(description="Ce qu’il apporte, en mots simples.")
    description: str
    montant_min: int | None = Field(description="En euros.")
    montant_max: int | None = Field(description="En euros.")
    taux: float | None = Field(description="En pour cent.")
    duree_mois: int | None
    site_web: str
    eligibilite: Eligibility
    appels: list[Call]


class ProgrammePage(Page):
    resultats: list[Programme]


class ThemeFigure(Schema):
    slug: str
    nom: str
    domaine: str | None = Field(
        description="Slug du domaine d’une thématique ; null pour un domaine."
    )
    initiatives: int = Field(description="Initiatives situées ou actives dans le territoire.")
    pour_10000: float | None = Field(description="Pour 10 000 habitants ; null sans population.")
    comparables_pour_10000: float | None = Field(
        description="Pour 10 000 habitants des territoires comparables ; null sans comparables."
    )


class StageFigure(Schema):
    etape: str
    libelle: str
    initiatives: int


class Comparables(Schema):
    type: str
    perimetre: TerritoryRef | None = Field(
        description="Département ou région où ils sont cherchés ; null pour toute la France."
    )
    population_min: int
    population_max: int
    territoires: int = Field(description="Nombre de territoires comparables.")
    population: int = Field(description="Leur population totale.")
    initiatives: int = Field(
        description="Leurs initiatives, chacune comptée dans chaque territoire où elle est."
    )
    pour_10000: float | None


class Gap(Schema):
    thematique: str = Field(description="Slug de la thématique absente ou faible.")
    absente: bool
    pour_10000: float
    comparables_pour_10000: float
    phrase: str


class Suggestion(Schema):
    slug: str
    nom: str
    url: str
    etape: str
    distance_km: float | None
    lieux: int
    territoires_action: int
    repond_a: list[str] = Field(description="Slugs des thématiques manquantes qu’elle couvre.")
    distinctions: list[Award]
    indicateurs: list[Indicator]
    contact: str = Field(description="Formulaire de demande d’essaimage, territoire prérempli.")


class Helper(Schema):
    slug: str
    nom: str
    type: str
    nationale: bool
    initiatives_soutenues_ici: int
    programmes: list[str]


class TerritorySummary(Schema):
    territoire: Territory
    initiatives: int = Field(description="Initiatives situées ou actives dans le territoire.")
    pour_10000: float | None
    etapes: list[StageFigure]
    thematiques: list[ThemeFigure] = Field(
        description="Chaque domaine, puis ses thématiques présentes ici ou chez les comparables."
    )
    comparables: Comparables | None
    manques: list[Gap] = Field(
        description="Thématiques absentes ou faibles, le plus grand écart d’abord."
    )
    a_essaimer: list[Suggestion]
    qui_peut_aider: list[Helper]
