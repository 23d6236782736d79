import datetime
import hashlib
import math
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.measure import D
from django.contrib.postgres.search import SearchRank, TrigramSimilarity
from django.db import transaction
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    CharField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Lower
from django.db.models.lookups import LessThan
from django.db.models.sql.where import AND
from django.utils import timezone

from carrefour.search import LexemeQuery, build_tsquery
from carrefour.text import Unaccent
from initiatives import search_index
from initiatives.labels import label_name, label_slug

SORTS = ("pertinence", "recent", "nom", "hasard", "distance")

# The fields of an initiative its search index copies (search_index.py); a
# status counts too: only published words join the typo dictionary.
INDEXED_FIELDS = frozenset(
    {"name", "summary", "description", "innovation", "stage", "structure_type", "status"}
    | {"commune", "commune_id", "carrier", "carrier_id"}
)

# Kilometres in a degree of latitude (the shortest, at the equator).
KM_PER_DEGREE = 110.57

# The host of a website, without "www.": https://www.wimoov.org/x → wimoov.org.
WEBSITE_HOST = Lower(
    Func(
        F("website"),
        Value(r"^[a-z]+://(www\.)?([^/:?#]+).*$"),
        Value(r"\2"),
        Value("i"),
        function="regexp_replace",
        output_field=CharField(),
    )
)


class AroundPlace(Func):
    """The filter of near() around a territory: those with a site in the circle
    (`ids`: a union with those acting on the place from a wider scale), which
    keeps, for near_halves(), each half's filter and annotations."""

    template = "%(expressions)s"
    arg_joiner = " IN "
    output_field = BooleanField()

    def __init__(self, ids, halves):
        super().__init__(F("pk"), Subquery(ids))
        self.halves = halves


def near_halves(queryset):
    """The nearby and the wider initiatives of a search around a territory
    (InitiativeQuerySet.near() with a place) as two querysets with the same
    other filters, or None for any other search.

    Each half is cheaper read alone: at a million initiatives, 37,000 act
    around Voiron from a wider scale, and reading every match with its nearest
    site to find the 20 of a page took 480 ms. The nearby ones (3,600) start
    from the circle's sites; the others have no distance, so PostgreSQL reads
    them in the order of the page, from the primary key, and stops at its end:
    80 ms for both.
    """
    where = queryset.query.where
    if where.connector != AND or where.negated:
        return None
    for index, child in enumerate(where.children):
        if isinstance(getattr(child, "lhs", None), AroundPlace):
            return tuple(
                _without_condition(queryset, index).filter(condition).annotate(**annotations)
                for condition, annotations in child.lhs.halves.values()
            )
    return None


def _without_condition(queryset, index):
    """`queryset` without the condition at `index` in its WHERE clause."""
    rest = queryset.all()
    rest.query.where = rest.query.where.clone()
    del rest.query.where.children[index]
    return rest


class ShuffleKey(Func):
    """A fixed pseudo-random key of each initiative, indexed (initiative_shuffle)."""

    function = "hashint8extended"
    output_field = BigIntegerField()

    def __init__(self):
        super().__init__(F("id"), Value(0))


# Fixed samples of the initiatives, those whose ShuffleKey is below a bound:
# a sixteenth and a 128th of them. The map estimates from them what a search
# finds when it finds too many sites to read (directory/map_sample.py),
# through the indexes initiative_sample and initiative_sample_small.
SIXTEENTH_BELOW = -(2**63) + 2**60
HUNDRED_AND_TWENTY_EIGHTH_BELOW = -(2**63) + 2**57


def in_sample(below):
    """Whether an initiative is in the sample of those whose ShuffleKey is
    below `below`, as an expression."""
    return LessThan(ShuffleKey(), Value(below))


def shuffle_start(seed):
    """Where in the order of ShuffleKey the shuffle of `seed` starts: a signed
    64-bit number drawn from the seed."""
    digest = hashlib.blake2b(str(seed).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def website_host(url):
    host = (urlsplit(url or "").hostname or "").lower()
    return host.removeprefix("www.")


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def held_by(self, user):
        """The initiatives `user` manages, whatever their status."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(holders=user)

    def search(self, text):
        """Initiatives matching `text`, annotated with `rank` (name > summary > rest)."""
        words = build_tsquery(text)
        if not words.ranking:
            return self
        return self.filter(document=LexemeQuery(words.matching)).annotate(
            rank=SearchRank(F("headline"), LexemeQuery(words.ranking), cover_density=False)
        )

    def with_themes(self, themes):
        """Initiatives tagged with every theme given (a domaine covers its thématiques)."""
        ids = [theme.pk for theme in themes]
        return self.filter(theme_ids__contains=ids) if ids else self

    def for_publics(self, publics):
        ids = [public.pk for public in publics]
        return self.filter(public_ids__contains=ids) if ids else self

    def supported_by(self, actor):
        return self.filter(actor_ids__contains=[actor.pk]) if actor else self

    def listed_by(self, source):
        """Initiatives that `source` (a partner) still lists."""
        if source is None:
            return self
        listed = self.model.objects.filter(
            listings__source_id=source.pk, listings__still_listed=True
        )
        return self.filter(pk__in=listed.values("pk"))

    def with_label(self, label):
        """Initiatives that received an award of `label` (initiatives/labels.py)."""
        if label is None:
            return self
        awards = self.model._meta.get_field("awards").related_model.objects
        # The awards' index on their label (a foreign key's own).
        return self.filter(pk__in=awards.filter(label_id=label.pk).values("initiative_id"))

    def at_stage(self, stage):
        return self.filter(stage=stage) if stage else self

    def of_structure(self, structure_type):
        return self.filter(structure_type=structure_type) if structure_type else self

    def in_territory(self, territory):
        """Initiatives located or acting in `territory`, inside it, or on a wider scale.

        `is_local` tells those located or acting in it (or inside it) from those
        acting on a territory that contains it, or on all of France.
        """
        if territory is None:
            return self
        inside = Q(area_ids__contains=[territory.pk])
        wider = Q(action_ids__overlap=territory.ancestor_ids) | Q(is_national=True)
        return self.filter(inside | wider).annotate(
            is_local=ExpressionWrapper(inside, output_field=BooleanField())
        )

    def near(self, point, km, place=None):
        """Initiatives with a site within `km` kilometres of `point`, annotated with
        `distance`: that of their nearest site.

        The circle in degrees around `point`, wide enough at the latitude of its
        far edge, lets the GiST index on the sites' points pick the candidates;
        the distance on the sphere then keeps those really within `km`. Each
        initiative found reads its own sites (an index lookup) for the nearest.

        With the territory `place` (at `point`), those acting on it, on a
        territory containing it or on all of France come too, without a
        distance (None), as territory pages list them: `is_near` tells them
        apart, and every sort puts them after the nearby ones. The filter knows
        both halves (AroundPlace), so that a page can read each on its own
        (near_halves()).
        """
        if point is None:
            return self
        far_latitude = min(abs(point.y) + km / KM_PER_DEGREE, 89.0)
        degrees = km / (KM_PER_DEGREE * math.cos(math.radians(far_latitude))) * 1.01
        sites = self.model._meta.get_field("sites").related_model.objects
        around = (
            sites.filter(point__dwithin=(point, degrees))
            .annotate(distance=Distance("point", point))
            .filter(distance__lte=D(km=km))
        )
        nearest = (
            sites.filter(initiative=OuterRef("pk"), point__isnull=False)
            .annotate(distance=Distance("point", point))
            .filter(distance__lte=D(km=km))
            .order_by("distance")
            .values("distance")[:1]
        )
        found = around.order_by().values("initiative_id")
        near = {
            "distance": Subquery(nearest),
            "is_near": ExpressionWrapper(Q(distance__isnull=False), output_field=BooleanField()),
        }
        if place is None:
            return self.filter(pk__in=found).annotate(**near)
        # A union of index scans: an OR with the circle would read every initiative.
        wider = Q(action_ids__overlap=place.ancestor_ids) | Q(is_national=True)
        acting = self.model.objects.published().filter(wider).order_by().values("pk")
        halves = {
            "nearby": (Q(pk__in=found), {"distance": Subquery(nearest), "is_near": Value(True)}),
            # Without a site in the circle, tested on each wider initiative
            # read (an index lookup of its sites), rather than against every
            # initiative of the circle: at a million initiatives, PostgreSQL then
            # reads the map's wider half from the sites in view, and the list's
            # page around Voiron took 55 ms instead of 76.
            "wider": (
                (wider & Q(status=self.model.Status.PUBLISHED)) & ~Exists(nearest),
                {"distance": Cast(Value(None), FloatField()), "is_near": Value(False)},
            ),
        }
        return self.filter(AroundPlace(found.union(acting, all=True), halves)).annotate(**near)

    def similar_to(self, name, point=None, website="", km=30):
        """Initiatives that may be the one named `name` at `point`, with `website`.

        A similar name (trigrams, accents and case ignored) within `km` kilometres
        (anywhere, with a closer name, when there is no point), or a website on the
        same host.
        """
        similarity = TrigramSimilarity(
            Unaccent(Lower("name")), Unaccent(Value(" ".join(name.lower().split())))
        )
        named = self.annotate(similarity=similarity)
        if point is not None:
            named = named.filter(similarity__gte=0.4).near(point, km)
        else:
            named = named.filter(similarity__gte=0.6)
        matches = Q(pk__in=named.values("pk"))
        host = website_host(website)
        if host:
            matches |= Q(pk__in=self.annotate(host=WEBSITE_HOST).filter(host=host).values("pk"))
        return self.filter(matches)

    def ordered_by(self, sort, seed=None):
        """Sort by `pertinence` (search rank), `recent`, `nom`, `hasard` (seeded) or
        `distance` (after near())."""
        local_first = [F("is_local").desc()] if "is_local" in self.query.annotations else []
        if "is_near" in self.query.annotations:
            local_first.insert(0, F("is_near").desc())
        if sort == "distance" and "distance" in self.query.annotations:
            # Those without a distance (acting from a wider scale) last: the
            # nearby ones first, as every sort does, are the same order, which
            # lets a page read each half on its own (near_halves()).
            local = [F("is_local").desc()] if "is_local" in self.query.annotations else []
            return self.order_by(
                F("is_near").desc(), F("distance").asc(nulls_last=True), *local, "id"
            )
        if sort == "nom":
            return self.order_by(*local_first, "name", "id")
        if sort == "hasard":
            # The directory shuffled once for all (the index initiative_shuffle),
            # read from a point that changes with the seed (by default, every
            # day), around to it: each day another initiative comes first, and
            # a page is read from the index whatever the number of matches.
            seed = int(seed if seed is not None else datetime.date.today().toordinal())
            start = shuffle_start(seed)
            near_first = [F("is_near").desc()] if "is_near" in self.query.annotations else []
            return self.annotate(
                shuffle=ShuffleKey(),
                shuffle_wrapped=ExpressionWrapper(
                    LessThan(ShuffleKey(), Value(start)), output_field=BooleanField()
                ),
            ).order_by(*near_first, "shuffle_wrapped", "shuffle", "id")
        if sort == "pertinence" and "rank" in self.query.annotations:
            # Among equally relevant ones, those verified within the year first:
            # a comparison on the row itself, no extra read.
            return self.order_by(
                *local_first, F("rank").desc(), fresh().desc(), "-published_at", "id"
            )
        # As the index initiative_recent reads them (published ones always have a date).
        return self.order_by(*local_first, "-published_at", "-id")

    def take_freshness_from_sources(self, now=None):
        """Count as verified on the last update date of a source still listing them
        (sources.SourceListing.source_updated_at), when later than their own last
        verification. A recent date starts their yearly reminders again. Returns how
        many changed."""
        listings = self.model._meta.get_field("listings").related_model.objects
        latest = (
            listings.filter(
                initiative=OuterRef("pk"), still_listed=True, source_updated_at__isnull=False
            )
            .order_by()
            .values("initiative")
            .annotate(latest=Max("source_updated_at"))
            .values("latest")
        )
        listed_at = Cast(Subquery(latest), DateTimeField())
        newer = (
            self.annotate(listed_at=listed_at)
            .filter(listed_at__isnull=False)
            .filter(Q(verified_at__isnull=True) | Q(verified_at__lt=F("listed_at")))
        )
        rows = list(newer.values_list("pk", "listed_at"))
        cutoff = freshness_cutoff(now)
        recent = [pk for pk, date in rows if date >= cutoff]
        older = [pk for pk, date in rows if date < cutoff]
        base = self.model.objects
        if recent:
            base.filter(pk__in=recent).update(
                verified_at=listed_at, reminders_sent=0, reminded_at=None, to_verify_since=None
            )
        if older:
            base.filter(pk__in=older).update(verified_at=listed_at)
        return len(rows)

    def update(self, **kwargs):
        if not INDEXED_FIELDS.intersection(kwargs):
            return super().update(**kwargs)
        ids = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        search_index.refresh(ids)
        if "status" in kwargs:
            # Some may have left the published directory.
            search_index.directory_changed()
        return count

    def delete(self):
        # Withdrawn from the map's counts only if they are deleted.
        with transaction.atomic(using=self.db):
            search_index.forget(self.values_list("pk", flat=True))
            deleted = super().delete()
        search_index.directory_changed()
        return deleted

    delete.queryset_only = True

    def refresh_search(self):
        """Recompute the search documents and filter arrays of these initiatives."""
        return search_index.refresh(list(self.values_list("pk", flat=True)))


def freshness_cutoff(now=None):
    """Verified since then: fresh (settings.FRESHNESS_VERIFY_DAYS)."""
    return (now or timezone.now()) - datetime.timedelta(days=settings.FRESHNESS_VERIFY_DAYS)


def fresh(now=None):
    """Verified within FRESHNESS_VERIFY_DAYS, as an expression (never verified: false)."""
    return Case(
        When(verified_at__gte=freshness_cutoff(now), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


class InitiativePartQuerySet(models.QuerySet):
    """Rows of an initiative that its search index reads: whatever writes them
    refreshes their initiatives."""

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        search_index.refresh(row.initiative_id for row in created)
        return created

    def update(self, **kwargs):
        ids = list(self.values_list("initiative_id", flat=True))
        count = super().update(**kwargs)
        search_index.refresh(ids)
        return count

    def delete(self):
        ids = list(self.values_list("initiative_id", flat=True))
        deleted = super().delete()
        search_index.refresh(ids)
        return deleted

    delete.queryset_only = True


class InitiativeActorQuerySet(InitiativePartQuerySet):
    """Roles: their initiatives' index names their actors (actor_ids, the document)."""


class LabelQuerySet(models.QuerySet):
    def for_award_names(self, names):
        """{award name: its Label, or None} for `names`, creating the labels missing."""
        slugs = {name: label_slug(name) for name in set(names)}
        wanted = {slug: label_name(name) for name, slug in slugs.items() if slug}
        if not wanted:
            return dict.fromkeys(slugs)
        self.bulk_create(
            [self.model(slug=slug, name=name) for slug, name in wanted.items()],
            ignore_conflicts=True,
        )
        labels = {label.slug: label for label in self.filter(slug__in=wanted)}
        return {name: labels.get(slug) for name, slug in slugs.items()}


class AwardQuerySet(InitiativePartQuerySet):
    """Awards: their initiatives' index holds their labels (the `label=` facet)
    and their names (the cards)."""

    def with_labels(self, awards):
        """Set the label of each of `awards` from its name; return them."""
        labels = self.model._meta.get_field("label").related_model.objects
        found = labels.for_award_names(award.name for award in awards)
        for award in awards:
            award.label = found[award.name]
        return awards

    def bulk_create(self, objs, *args, **kwargs):
        return super().bulk_create(self.with_labels(list(objs)), *args, **kwargs)

    def update(self, **kwargs):
        if "name" in kwargs:
            labels = self.model._meta.get_field("label").related_model.objects
            kwargs["label"] = labels.for_award_names([kwargs["name"]])[kwargs["name"]]
        return super().update(**kwargs)


class SiteQuerySet(InitiativePartQuerySet):
    """Sites: their initiatives' index holds their areas, place names and main site."""
