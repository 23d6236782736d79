"""The demo directory: the initiatives and actors named in the project's sources.

`fixtures/demo/actors.json`, `fixtures/demo/programmes.json` (optional), the
funds, prizes and incubators they run, `fixtures/demo/initiatives.json` and
(optional) `fixtures/demo/sources.json`, the partners listing some of them, are
meant to be read and edited by hand. Rows are matched by slug, so loading again updates
them in place; relations (sites, themes, publics, territories, roles, awards,
indicators) are replaced by those of the file. Territories are named by key
(`commune-38563`), themes, publics, actors and programmes by slug; a
programme's calls are replaced by those of the file; a source's listings name
their initiatives by slug and are replaced by those of the file. An
initiative's place is its `commune` (with `address` and `point`, [longitude,
latitude]), or its `sites`, each with a `commune`, an optional `name`,
`address` and `point`: the first is its main site.
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime

from actors.models import Actor, Call, Programme
from initiatives import search_index
from initiatives.models import Award, Indicator, Initiative, InitiativeActor, Site
from sources.models import Source, SourceListing
from territories.models import Territory
from themes.models import Public, Theme

DEMO_DIRECTORY = Path(settings.BASE_DIR) / "fixtures" / "demo"


class Command(BaseCommand):
    help = (
        "Charge l’annuaire de démonstration (fixtures/demo/) : les initiatives et les acteurs "
        "cités par les documents sources. Peut être relancée : met à jour sans doublon."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Ne rien faire si l’annuaire contient déjà une initiative réelle (non fictive).",
        )
        parser.add_argument(
            "--directory",
            type=Path,
            default=DEMO_DIRECTORY,
            help="Dossier des fichiers actors.json, initiatives.json et sources.json (facultatif).",
        )

    def handle(self, *args, if_empty=False, directory=DEMO_DIRECTORY, **options):
        if if_empty and Initiative.objects.filter(is_fictitious=False).exists():
            self.stdout.write("L’annuaire contient déjà des initiatives : rien à charger.")
            return
        actor_rows = read(directory / "actors.json")
        initiative_rows = read(directory / "initiatives.json")
        programme_rows = optional(directory / "programmes.json")
        source_rows = optional(directory / "sources.json")
        # Each fiche is written field by field, relation by relation: its search
        # index is refreshed once, at the end.
        with transaction.atomic(), search_index.deferred():
            references = References()
            actors = [load_actor(row, references) for row in actor_rows]
            programmes = [load_programme(row, references) for row in programme_rows]
            initiatives = [load_initiative(row, references) for row in initiative_rows]
            sources = [load_source(row, references) for row in source_rows]
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(initiatives)} initiatives, {len(actors)} acteurs, "
                f"{len(programmes)} programmes et {len(sources)} sources de démonstration chargés."
            )
        )


def read(path):
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError) as error:
        raise CommandError(f"{path} : {error}") from error


def optional(path):
    return read(path) if path.exists() else []


class References:
    """Looks up what the files name, and fails loudly on a name it does not know."""

    def __init__(self):
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.publics = {public.slug: public for public in Public.objects.all()}
        self.places = {}

    def theme_list(self, slugs):
        return [self._get(self.themes, slug, "thématique") for slug in slugs]

    def public_list(self, slugs):
        return [self._get(self.publics, slug, "public") for slug in slugs]

    def territory(self, key):
        if key not in self.places:
            self.places[key] = Territory.objects.by_key(key)
        if self.places[key] is None:
            raise CommandError(f"Territoire inconnu : {key} (territoires importés ?)")
        return self.places[key]

    def territory_list(self, keys):
        return [self.territory(key) for key in keys]

    def actor(self, slug):
        actor = Actor.objects.filter(slug=slug).first()
        if actor is None:
            raise CommandError(f"Acteur inconnu : {slug}")
        return actor

    def initiative(self, slug):
        initiative = Initiative.objects.filter(slug=slug).first()
        if initiative is None:
            raise CommandError(f"Initiative inconnue : {slug}")
        return initiative

    def programme(self, actor, slug):
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            raise CommandError(f"Programme inconnu : {slug}")
        if not programme.actors.filter(pk=actor.pk).exists():
            raise CommandError(f"Le programme {slug} n’est pas mené par {actor.slug}")
        return programme

    @staticmethod
    def _get(known, slug, label):
        if slug not in known:
            raise CommandError(f"Slug de {label} inconnu : {slug}")
        return known[slug]


def load_actor(row, references):
    territory = row.get("territory")
    actor = save_by_slug(
        Actor,
        row["slug"],
        name=row["name"],
        kind=row["kind"],
        description=row.get("description", ""),
        website=row.get("website", ""),
        territory=references.territory(territory) if territory else None,
        is_national=row.get("is_national", False),
        is_published=True,
    )
    actor.territories.set(references.territory_list(row.get("territories", [])))
    actor.themes.set(references.theme_list(row.get("themes", [])))
    return actor


# A programme's optional fields, with their value when the file omits them.
PROGRAMME_DEFAULTS = {
    "offer": "",
    "description": "",
    "conditions": "",
    "website": "",
    "amount_min": None,
    "amount_max": None,
    "rate": None,
    "duration_months": None,
    "is_national": False,
    "is_permanent": False,
}


def load_programme(row, references):
    programme = save_by_slug(
        Programme,
        row["slug"],
        name=row["name"],
        kind=row["kind"],
        summary=row["summary"],
        stages=row.get("stages", []),
        structure_types=row.get("structure_types", []),
        is_published=True,
        **{name: row.get(name, default) for name, default in PROGRAMME_DEFAULTS.items()},
    )
    programme.actors.set([references.actor(slug) for slug in row["actors"]])
    programme.territories.set(references.territory_list(row.get("territories", [])))
    programme.themes.set(references.theme_list(row.get("themes", [])))
    programme.publics.set(references.public_list(row.get("publics", [])))
    programme.calls.all().delete()
    for call_row in row.get("calls", []):
        opens_on = call_row.get("opens_on")
        call = Call(
            programme=programme,
            name=call_row["name"],
            opens_on=parse_date(opens_on) if opens_on else None,
            closes_on=parse_date(call_row["closes_on"]),
            description=call_row.get("description", ""),
            website=call_row.get("website", ""),
        )
        validate(call, f"{programme.slug} / {call.name}")
        call.save()
    return programme


def load_initiative(row, references):
    carrier = row.get("carrier")
    initiative = save_by_slug(
        Initiative,
        row["slug"],
        name=row["name"],
        summary=row["summary"],
        description=row.get("description", ""),
        innovation=row.get("innovation", ""),
        stage=row.get("stage", Initiative.Stage.EXPERIMENTATION),
        structure_type=row.get("structure_type", ""),
        year_started=row.get("year_started"),
        is_national=row.get("is_national", False),
        website=row.get("website", ""),
        contact_email=row.get("contact_email", ""),
        carrier=references.actor(carrier) if carrier else None,
        source_name=row.get("source_name", ""),
        source_url=row.get("source_url", ""),
        status=Initiative.Status.PUBLISHED,
        published_at=parse_datetime(row["published_at"]),
        is_fictitious=False,
    )
    replace_sites(initiative, site_rows(row), references)
    initiative.themes.set(references.theme_list(row.get("themes", [])))
    initiative.publics.set(references.public_list(row.get("publics", [])))
    initiative.territories.set(references.territory_list(row.get("territories", [])))
    replace_roles(initiative, row.get("actors", []), references)
    initiative.awards.all().delete()
    for award in row.get("awards", []):
        Award.objects.create(initiative=initiative, name=award["name"], year=award.get("year"))
    initiative.indicators.all().delete()
    for indicator in row.get("indicators", []):
        Indicator.objects.create(initiative=initiative, **indicator)
    return initiative


def load_source(row, references):
    actor = row.get("actor")
    source = save_by_slug(
        Source,
        row["slug"],
        name=row["name"],
        actor=references.actor(actor) if actor else None,
        website=row.get("website", ""),
        licence=row.get("licence", ""),
        licence_url=row.get("licence_url", ""),
        trust=row.get("trust", Source.Trust.MODERATE),
        format=row["format"],
        refresh_days=row.get("refresh_days"),
    )
    listed = row.get("listings", [])
    source.listings.exclude(identifier__in=[listing["identifier"] for listing in listed]).delete()
    for listing in listed:
        updated = listing.get("source_updated_at")
        SourceListing.objects.update_or_create(
            source=source,
            identifier=listing["identifier"],
            defaults={
                "initiative": references.initiative(listing["initiative"]),
                "page_url": listing.get("page_url", ""),
                "source_updated_at": parse_date(updated) if updated else None,
                "still_listed": True,
            },
        )
    return source


def site_rows(row):
    """The sites of an initiative's row: its `sites`, else its own place."""
    if row.get("sites"):
        return row["sites"]
    return [{key: row[key] for key in ("commune", "address", "point") if key in row}]


def replace_sites(initiative, rows, references):
    initiative.sites.all().delete()
    for position, row in enumerate(row for row in rows if row.get("commune") or row.get("point")):
        commune = references.territory(row["commune"]) if row.get("commune") else None
        site = Site(
            initiative=initiative,
            name=row.get("name", ""),
            address=row.get("address", ""),
            commune=commune,
            point=located(row, commune),
            position=position,
        )
        validate(site, f"{initiative.slug} / {commune or site.point}")
        site.save()


def located(row, commune):
    """The point given as [longitude, latitude], else the commune's own point."""
    if row.get("point"):
        return Point(*row["point"], srid=4326)
    return commune.point if commune else None


def replace_roles(initiative, rows, references):
    initiative.roles.all().delete()
    for row in rows:
        actor = references.actor(row["actor"])
        programme = row.get("programme")
        role = InitiativeActor(
            initiative=initiative,
            actor=actor,
            role=row["role"],
            programme=references.programme(actor, programme) if programme else None,
        )
        validate(role, f"{initiative.slug} / {actor.slug}")
        role.save()


def save_by_slug(model, slug, **fields):
    """Update the row with this slug, or create it; validated like a form would."""
    instance = model.objects.filter(slug=slug).first() or model(slug=slug)
    for name, value in fields.items():
        setattr(instance, name, value)
    validate(instance, slug)
    instance.save()
    return instance


def validate(instance, label):
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise CommandError(f"{label} : {error.message_dict}") from error
