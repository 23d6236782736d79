"""What the read API answers, as Pydantic schemas: its OpenAPI document is
generated from them, and every answer is validated against them.

Only what the site's public pages show is here: never a contact email, a
holder, a draft, a moderation note or a source's export settings.
"""

from datetime import datetime

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


class Programme(Schema):
    nom: str
    description: str
    site_web: str


class ActorDetail(Actor):
    description: str
    territoire: str | None = Field(description="Clé du territoire de l’acteur.")
    territoires: list[str] = Field(description="Clés des territoires où il agit.")
    thematiques: list[str]
    programmes: list[Programme]


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
