"""Synthetic French initiatives for scale tests, marked `is_fictitious`.

Texts come from `bench.synthetic`; each initiative sits in a real commune
of the imported territories, drawn with a weight growing with its population.
The same `--seed` on the same database gives the same initiatives (only the
publication dates follow today's date), whatever the batch size and the
number of worker processes: initiative number n draws from a random stream of
its own, seeded by (seed, n). Rows go in by batches: a COPY of the
initiatives, one multi-row insert per relation table (its one site
included), then the set-based search refresh of the batch. The batches are
shared between worker processes (`--workers`, one per core by default), each
with its own connection. A large run drops the search indexes of the
initiatives first and builds them once at the end, shared between the workers
too (PostgreSQL 15 builds a GIN index with one process).
"""

import contextlib
import datetime
import itertools
import json
import multiprocessing
import os
import random
import time

from django.contrib.gis.geos import GEOSGeometry
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.text import slugify

from actors.models import Actor
from bench import synthetic
from initiatives import search_index
from initiatives.models import Initiative, InitiativeActor, Site
from territories.models import Territory
from themes.models import Public, Theme

STRUCTURE_WEIGHTS = {
    "association": 55,
    "cooperative": 12,
    "entreprise-sociale": 12,
    "collectif": 10,
    "collectivite": 6,
    "fondation": 2,
    "entreprise": 2,
    "etablissement-public": 1,
}
STAGE_WEIGHTS = {"ideation": 10, "experimentation": 35, "consolidation": 35, "essaimage": 20}
ROLE_BY_KIND = {
    "financeur": "financeur",
    "fondation": "financeur",
    "banque": "financeur",
    "financeur-public": "financeur",
    "incubateur": "accompagnateur",
    "reseau": "accompagnateur",
    "collectivite": "collectivite-partenaire",
}
PUBLICATION_SPAN = datetime.timedelta(days=4 * 365)


class Command(BaseCommand):
    help = (
        "Ajoute des initiatives fictives réalistes (is_fictitious) pour les essais de charge. "
        "Même --seed, mêmes initiatives."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="Nombre d’initiatives.")
        parser.add_argument("--seed", type=int, help="Graine du hasard, pour rejouer.")
        parser.add_argument(
            "--batch-size", type=int, default=5000, help="Initiatives par transaction."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=min(os.cpu_count() or 1, MAX_WORKERS),
            help="Processus qui se partagent les lots (défaut : un par cœur).",
        )
        parser.add_argument(
            "--indexes-after",
            choices=["auto", "oui", "non"],
            default="auto",
            help=(
                "Supprimer les index de recherche des initiatives pendant la génération et "
                "les reconstruire une fois à la fin (auto : à partir de "
                f"{INDEXES_AFTER_FROM:,} initiatives)."
            ).replace(",", " "),
        )

    def handle(
        self, *args, count, seed=None, batch_size=5000, workers=1, indexes_after="auto", **options
    ):
        if count < 1 or batch_size < 1 or workers < 1:
            raise CommandError("--count, --batch-size et --workers doivent être positifs.")
        if seed is None:
            seed = random.SystemRandom().randrange(1_000_000)
            self.stdout.write(f"Graine : {seed}")
        if not Territory.objects.filter(kind="commune", point__isnull=False).exists():
            raise CommandError("Aucune commune : importez d’abord les territoires.")
        # Slugs are numbered after those of earlier runs.
        first_number = Initiative.objects.filter(is_fictitious=True).count() + 1
        batches = [
            (first_number + start, min(batch_size, count - start))
            for start in range(0, count, batch_size)
        ]
        # Other processes can neither see nor join the caller's transaction (a test's).
        workers = 1 if connection.in_atomic_block else min(workers, len(batches))
        started = time.monotonic()
        rebuild = indexes_after == "oui" or (
            indexes_after == "auto" and count >= INDEXES_AFTER_FROM
        )
        with Workers(workers, seed) as pool:
            indexes = indexes_built_after(Initiative, pool, self.stdout)
            with indexes if rebuild else contextlib.nullcontext():
                done = 0
                for size in pool.map(create_batch, batches):
                    done += size
                    elapsed = time.monotonic() - started
                    self.stdout.write(f"{done}/{count} initiatives fictives ({elapsed:.1f} s)")
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{count} initiatives fictives créées en {elapsed:.1f} s ({workers} processus)."
            )
        )


# One worker per core, up to this many: beyond, PostgreSQL (the search refresh
# of each batch) and the generators compete for the same cores.
MAX_WORKERS = 4


class Workers:
    """The batches shared between `size` processes, each with its own connection
    and its own Generator; with one, everything runs in this process.

    The processes are forked: they start with this process's settings (the test
    database included) and no open connection.
    """

    def __init__(self, size, seed):
        self.size = size
        self.seed = seed
        self.pool = None

    def __enter__(self):
        if self.size > 1:
            connections.close_all()
            context = multiprocessing.get_context("fork")
            self.pool = context.Pool(self.size, initializer=start_worker, initargs=[self.seed])
        else:
            start_worker(self.seed)
        return self

    def __exit__(self, *exc_info):
        if self.pool is not None:
            if exc_info[0] is None:
                self.pool.close()
            else:
                self.pool.terminate()
            self.pool.join()
        global _generator
        _generator = None

    def map(self, function, items):
        """`function` over `items`, results in the order of `items`, as they come."""
        if self.pool is None:
            return map(function, items)
        return self.pool.imap(function, items)


# The Generator of this process (of each worker process).
_generator = None


def start_worker(seed):
    global _generator
    _generator = Generator(seed)


def create_batch(batch):
    first_number, size = batch
    with transaction.atomic():
        _generator.create(size, first_number=first_number)
    return size


# From this many initiatives, maintaining the indexes of the initiatives row by
# row (seven GIN indexes, each row written three times: copied, then its
# arrays, then its documents) costs more than building them once at the end.
INDEXES_AFTER_FROM = 20_000
# Memory for building an index (a GIN index builds in memory, then merges).
INDEX_BUILD_MEMORY = "256MB"


@contextlib.contextmanager
def indexes_built_after(model, pool, stdout):
    """The indexes of `model`'s Meta.indexes dropped for the block, then built
    once at the end by the workers of `pool` (even if the block fails: a partial
    run keeps its rows)."""
    indexes = list(model._meta.indexes)
    with connection.schema_editor() as editor:
        for index in indexes:
            editor.remove_index(model, index)
    try:
        yield
    finally:
        stdout.write(f"Construction de {len(indexes)} index…")
        started = time.monotonic()
        for _ in pool.map(build_index, [index.name for index in indexes]):
            pass
        stdout.write(f"Index construits en {time.monotonic() - started:.1f} s.")


def build_index(name):
    (index,) = [index for index in Initiative._meta.indexes if index.name == name]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'")
        with connection.schema_editor(atomic=False) as editor:
            editor.add_index(Initiative, index)


class Generator:
    def __init__(self, seed):
        self.seed = seed
        self.now = timezone.now()
        self.themes = dict(Theme.objects.subthemes().values_list("slug", "pk"))
        self.publics = dict(Public.objects.values_list("slug", "pk"))
        self.actors = ActorsByPlace()
        # Their coordinates read by PostgreSQL: through GEOS, 35,000 points take seconds.
        communes = (
            Territory.objects.filter(kind="commune", point__isnull=False)
            .exclude(point__isempty=True)
            .annotate(x=RawSQL("ST_X(point)", []), y=RawSQL("ST_Y(point)", []))
            .order_by("code")
        )
        self.communes = list(
            communes.values_list(
                "pk", "name", "population", "epci_id", "departement_id", "region_id", "x", "y"
            )
        )
        # Population ** 0.7: cities get more initiatives, villages still get some.
        self.cumulated_weights = list(
            itertools.accumulate(max(row[2] or 0, 50) ** 0.7 for row in self.communes)
        )

    def create(self, size, first_number):
        drafts = [self.draft(first_number + offset) for offset in range(size)]
        make_slugs_unique([draft["initiative"] for draft in drafts])
        # The relations of the whole batch, its search index refreshed once at the end.
        with search_index.deferred():
            self.insert(drafts)

    def insert(self, drafts):
        created = copy_initiatives(
            [draft["initiative"] for draft in drafts], [draft["point"] for draft in drafts]
        )
        pairs = list(zip(created, drafts, strict=True))
        # One site each: the commune and point drawn for the initiative.
        copy_rows(
            Site,
            ["initiative_id", "commune_id", "point", "position", "name", "address"],
            ((i.pk, i.commune_id, d["point"], 0, "", "") for i, d in pairs),
        )
        copy_rows(
            Initiative.themes.through,
            ["initiative_id", "theme_id"],
            ((i.pk, pk) for i, d in pairs for pk in d["themes"]),
        )
        copy_rows(
            Initiative.publics.through,
            ["initiative_id", "public_id"],
            ((i.pk, pk) for i, d in pairs for pk in d["publics"]),
        )
        copy_rows(
            Initiative.territories.through,
            ["initiative_id", "territory_id"],
            ((i.pk, pk) for i, d in pairs for pk in d["places"]),
        )
        copy_rows(
            InitiativeActor,
            ["initiative_id", "actor_id", "role"],
            ((i.pk, pk, role) for i, d in pairs for pk, role in d["roles"]),
        )
        Initiative.objects.filter(pk__in=[i.pk for i in created]).refresh_search()

    def draft(self, number):
        # Its own stream: the same initiative whatever the batch and the process.
        rng = random.Random(f"{self.seed}:{number}")
        commune_id, commune, _, epci, departement, region, x, y = rng.choices(
            self.communes, cum_weights=self.cumulated_weights
        )[0]
        label, theme_slugs, public_slugs, activity, need, goal = rng.choice(synthetic.FORMATS)
        publics = rng.sample(public_slugs, min(rng.choice([0, 1, 1, 2]), len(public_slugs)))
        stage = weighted(rng, STAGE_WEIGHTS)
        published_at = self.now - rng.random() * PUBLICATION_SPAN
        # Mostly recent, some a few decades old.
        year = min(published_at.year, max(1950, self.now.year - int(rng.expovariate(1 / 7))))
        name = synthetic.compose_name(rng, label, commune)
        words = {
            "commune": commune,
            "structure_type": weighted(rng, STRUCTURE_WEIGHTS),
            "activity": activity,
            "need": need,
            "goal": goal,
            "public": synthetic.PUBLIC_PHRASES[publics[0]] if publics else None,
            "year": year,
            "stage": stage,
        }
        places, is_national = action_area(rng, commune_id, epci, departement, region)
        initiative = Initiative(
            name=name,
            slug=f"{slugify(name)[:190]}-{number}",
            summary=synthetic.compose_summary(words),
            description=synthetic.compose_description(rng, words),
            innovation=synthetic.compose_innovation(rng),
            stage=stage,
            structure_type=words["structure_type"],
            year_started=year,
            commune_id=commune_id,
            is_national=is_national,
            contact_email=f"fiche-{number}@exemple.invalid",
            status=Initiative.Status.PUBLISHED,
            is_fictitious=True,
            created_at=published_at - datetime.timedelta(days=rng.randrange(1, 90)),
            published_at=published_at,
        )
        # As text, as COPY reads it: a GEOS Point costs more than the rest of the draft.
        point = (
            f"SRID=4326;POINT({x + rng.uniform(-0.008, 0.008)} {y + rng.uniform(-0.006, 0.006)})"
        )
        return {
            "initiative": initiative,
            "point": point,
            "themes": self.pick_themes(rng, theme_slugs),
            "publics": [self.publics[slug] for slug in publics],
            "places": places,
            "roles": self.pick_roles(rng, [commune_id, epci, departement, region]),
        }

    def pick_themes(self, rng, slugs):
        """The format's first one or two thématiques, sometimes one more at random."""
        chosen = slugs[: rng.choice([1, 2, 2])]
        if rng.random() < 0.25:
            chosen = [*chosen, rng.choice(sorted(self.themes))]
        return sorted({self.themes[slug] for slug in chosen})

    def pick_roles(self, rng, places):
        candidates = self.actors.acting_in(places)
        size = min(rng.choices([0, 1, 2], weights=[40, 40, 20])[0], len(candidates))
        return [
            (pk, ROLE_BY_KIND.get(kind, "partenaire")) for pk, kind in rng.sample(candidates, size)
        ]


def action_area(rng, commune, epci, departement, region):
    """Mostly the commune; sometimes its EPCI or département; rarely all of France."""
    draw = rng.random()
    if draw < 0.03:
        return [], True
    if draw < 0.06 and region:
        return [region], False
    if draw < 0.18 and departement:
        return [departement], False
    if draw < 0.30 and epci:
        return [epci], False
    if draw < 0.45 and epci:
        return [commune, epci], False
    return [commune], False


class ActorsByPlace:
    """Published actors, as (pk, kind), by the territories where they act.

    An actor with no territory is taken to act everywhere, like a national one.
    """

    def __init__(self):
        actors = Actor.objects.published().order_by("slug")
        self.everywhere = []
        self.by_territory = {}
        covered = {}
        for pk, territory in actors.values_list("pk", "territories"):
            if territory:
                covered.setdefault(pk, set()).add(territory)
        for pk, kind, is_national, territory in actors.values_list(
            "pk", "kind", "is_national", "territory"
        ):
            places = covered.get(pk, set()) | ({territory} if territory else set())
            if is_national or not places:
                self.everywhere.append((pk, kind))
            for place in places:
                self.by_territory.setdefault(place, []).append((pk, kind))

    def acting_in(self, places):
        """The actors of all France or of one of `places` (a commune and its ancestors)."""
        local = [actor for place in places if place for actor in self.by_territory.get(place, [])]
        return self.everywhere + sorted(set(local))


def weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def copy_initiatives(initiatives, points):
    """Insert with COPY, primary keys drawn beforehand from the table's sequence,
    with their `points` (EWKT).

    At this size, bulk_create spends most of its time binding ~150,000 values.
    Every concrete field is written, from the instance as `save()` would; those
    a draft leaves to their default (the search columns, filled by the refresh),
    once for the batch.
    """
    table = Initiative._meta.db_table
    fields = [field for field in Initiative._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    defaults = [copied(field.pre_save(initiatives[0], True), field) for field in fields]
    drafted = [
        (index, field)
        for index, field in enumerate(fields)
        if field.attname in DRAFTED_FIELDS and field.attname != "point"
    ]
    point_index = next(index for index, field in enumerate(fields) if field.attname == "point")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(initiatives)],
        )
        for initiative, (pk,) in zip(initiatives, cursor.fetchall(), strict=True):
            initiative.pk = pk
        with cursor.cursor.copy(f"COPY {table} (id, {columns}) FROM STDIN") as copy:
            for initiative, point in zip(initiatives, points, strict=True):
                values = list(defaults)
                for index, field in drafted:
                    values[index] = copied(getattr(initiative, field.attname), field)
                values[point_index] = point
                copy.write_row([initiative.pk, *values])
    for initiative in initiatives:
        initiative._state.adding = False
    return initiatives


# The fields Generator.draft() sets; every other is its default, the same for
# every initiative (a default drawing a new value each time would need a draft).
DRAFTED_FIELDS = {
    "name",
    "slug",
    "summary",
    "description",
    "innovation",
    "stage",
    "structure_type",
    "year_started",
    "commune_id",
    "point",
    "is_national",
    "contact_email",
    "status",
    "is_fictitious",
    "created_at",
    "published_at",
}


def copied(value, field):
    """A value of `field` as COPY's text format reads it."""
    value = field.get_prep_value(value)
    if isinstance(value, GEOSGeometry):
        return value.ewkt
    if isinstance(value, list):
        return "{" + ",".join(str(item) for item in value) + "}"
    if isinstance(value, dict):
        return json.dumps(value)
    return value


def copy_rows(model, columns, rows):
    """Insert `rows` (tuples of `columns`) into `model`'s table with COPY, the
    primary key from its sequence: relation rows, without a model instance each."""
    table = model._meta.db_table
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def make_slugs_unique(initiatives):
    """A slug already taken, after a partial deletion, gets one more suffix."""
    pending = {initiative.slug: initiative for initiative in initiatives}
    suffix = 1
    while taken := set(
        Initiative.objects.filter(slug__in=list(pending)).values_list("slug", flat=True)
    ):
        suffix += 1
        pending = {f"{slug}-{suffix}": pending[slug] for slug in taken}
        for slug, initiative in pending.items():
            initiative.slug = slug
