import json
import re

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity
from django.core.exceptions import ValidationError
from django.db.models.functions import Concat, Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from carrefour import versions
from carrefour.text import Unaccent
from initiatives import search_index
from territories import names

KIND_PRIORITY = ["region", "departement", "epci", "commune"]

# Outlines drawn on maps are simplified to about a pixel at the zoom each kind
# of territory is seen, in degrees: a région's outline goes from 100 kB to 10.
OUTLINE_TOLERANCE = {"region": 0.01, "departement": 0.004, "epci": 0.002, "commune": 0.0005}
OUTLINE_DIGITS = 5

# What a person may type for a place: a key (commune-38563), a name, a postcode,
# a département's number, or a name with its postcode or code, as the
# autocompletes write it: "Voiron (38500)", "Isère (38)".
KEY = re.compile(r"[a-z]+-[0-9AB]+", re.IGNORECASE)
LABELLED = re.compile(r"^(?P<name>.+?)\s*\((?P<code>[0-9AB]{2,5})\)$", re.IGNORECASE)
MAX_NAMES_SHOWN = 5
# Shorter texts are not corrected: too many names look like them.
TYPO_MIN_LENGTH = 4
MOST_POPULOUS = (models.F("population").desc(nulls_last=True), "name")


# What the search index of the initiatives copies from the territories around them.
INDEXED_FIELDS = frozenset({"name", "ancestor_ids"})


class TerritoryQuerySet(models.QuerySet):
    def of_kind(self, kind):
        return self.filter(kind=kind)

    def update(self, **kwargs):
        # The token changes after the write: a worker reading the new one
        # reads the territories as written.
        if not INDEXED_FIELDS.intersection(kwargs):
            count = super().update(**kwargs)
            versions.bump("territories")
            return count
        ids = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        versions.bump("territories")
        search_index.refresh_tagged("area_ids", ids)
        return count

    def delete(self):
        deleted = super().delete()
        versions.bump("territories")
        return deleted

    delete.queryset_only = True

    def by_key(self, key):
        """The territory addressed as `<kind>-<code>` (`commune-38563`), or None."""
        kind, _sep, code = (key or "").partition("-")
        if kind not in Territory.Kind.values or not code:
            return None
        return self.filter(kind=kind, code=code.upper()).first()

    def neighbours_of(self, territory):
        """The territories of the same kind as `territory` sharing a border with
        it, by name; without their outline. (The outline's spatial index, which
        GeoDjango adds to every geometry field, finds the candidates.)"""
        if territory.geometry is None:
            return self.none()
        outline = Territory.objects.filter(pk=territory.pk).values("geometry")
        return (
            self.filter(kind=territory.kind, geometry__intersects=models.Subquery(outline))
            .exclude(pk=territory.pk)
            .defer("geometry")
            .order_by("name")
        )

    def search(self, text):
        """Territories a person may mean by `text`, annotated with their `relevance`
        (see names.read() for how the text is read).

        A name has every word typed (short forms spelled out, little words
        optional) at the start of one of its words ("gresi" finds "Communauté
        de communes Le Grésivaudan"), or looks like it (trigram word
        similarity: "grenobel" finds Grenoble). A département's number keeps
        the département and its communes; a postcode, its communes.
        """
        typed = names.read(text)
        if not typed:
            return self
        found = self
        if typed.postcode:
            found = found.filter(postcodes__contains=[typed.postcode])
        elif typed.departement:
            # The département's id first: two index scans, not a join over every commune.
            numbered = Territory.objects.filter(
                kind=Territory.Kind.DEPARTEMENT, code=typed.departement
            )
            found = found.filter(
                models.Q(pk=models.Subquery(numbered.values("pk")[:1]))
                | models.Q(departement=models.Subquery(numbered.values("pk")[:1]))
            )
        if not typed.words:
            # Only a number: the département first, then its communes.
            return found.annotate(relevance=_flag(models.Q(kind=Territory.Kind.DEPARTEMENT), 1))
        return found.filter(_matching(typed)).annotate(relevance=_relevance(typed))

    def suggested(self, text):
        """What the autocompletes offer for `text`: search(text), the most relevant
        (the whole name, every word, whole words, the start of the name, then
        the closest spelling) and the most populous first."""
        found = self.search(text)
        if "relevance" not in found.query.annotations:
            return found.order_by(*MOST_POPULOUS)
        return found.order_by(models.F("relevance").desc(), *MOST_POPULOUS)

    def numbered(self, number):
        """The communes of a postcode, most populous first (the one it is
        usually named after), or the département of a number ("38", "2A")."""
        if names.POSTCODE.fullmatch(number):
            return self.filter(postcodes__contains=[number]).order_by(*MOST_POPULOUS)
        return self.filter(kind=Territory.Kind.DEPARTEMENT, code=number.upper())

    def named(self, name):
        """Territories called `name`, whatever its case, accents, punctuation and
        short forms ("St-Etienne" for Saint-Étienne)."""
        return self.filter(search_name=_padded(names.read(name).phrase))

    def from_typed(self, text, kinds=None):
        """The territory, of one of `kinds` (any by default), that a person
        means by `text`; None for no text; else ValidationError.

        Reads a key (`commune-38563`), a postcode (its most populous commune:
        the one the postcode is usually named after), a name, or a name with
        its postcode or official code ("Voiron (38500)", "Isère (38)"), or a
        département's number ("38", "2A"). A name is taken whole, without
        accents, case or punctuation, short forms spelled out ("St-Etienne",
        "CA du Pays Voironnais"): a wider territory wins over a narrower one of
        the same name; two of the same kind are ambiguous. Else whole words of
        one name are enough ("Grésivaudan", "pays voironnais"). A name only
        begun or misspelled is unknown, with the nearest name suggested.
        """
        text = " ".join((text or "").split())
        if not text:
            return None
        # The outline is not read: it weighs up to hundreds of kilobytes.
        places = self.defer("geometry")
        if kinds:
            places = places.filter(kind__in=kinds)
        found = places.by_key(text) if KEY.fullmatch(text) else None
        if found is not None:
            return found
        if text.isdigit() or names.DEPARTEMENT_CODE.fullmatch(text.lower()):
            found = places.numbered(text).first()
            if found is None:
                raise _unknown(text, nearest=None)
            return found
        match = LABELLED.match(text)
        name, code = (match["name"], match["code"].upper()) if match else (text, None)
        exact = places.named(name)
        if code:
            exact = exact.filter(models.Q(code=code) | models.Q(postcodes__contains=[code]))
        candidates = _widest_first(exact)
        words = names.read(name).required
        if not candidates and not code and words:
            # Not a whole name, but whole words of one: "Grésivaudan", "Pays Voironnais".
            candidates = _widest_first(places.filter(_has_words(words, whole=True)))
        if not candidates:
            raise _unknown(text, nearest=places.suggested(name).first())
        candidates = [place for place in candidates if place.kind == candidates[0].kind]
        if len(candidates) > 1:
            names_shown = ", ".join(str(place) for place in candidates[:MAX_NAMES_SHOWN])
            raise ValidationError(
                _("Plusieurs lieux portent ce nom : précisez, par exemple %(names)s."),
                code="ambiguous",
                params={"names": names_shown},
            )
        return candidates[0]


def _widest_first(places):
    """The first few of `places`: the widest kind, then the most populous."""
    ranked = places.annotate(kind_rank=_kind_rank()).order_by("kind_rank", *MOST_POPULOUS)
    return list(ranked[: MAX_NAMES_SHOWN + 1])


def _padded(phrase):
    """A phrase as `search_name` holds it: between spaces, so that a word is
    found whole (" lyon ") or by its start (" lyo") with LIKE."""
    return f" {phrase} "


def _has_words(words, whole=False):
    """Every word of `words` starts a word of the name (is one, if `whole`)."""
    condition = models.Q()
    for word in words:
        condition &= models.Q(search_name__contains=f" {word} " if whole else f" {word}")
    return condition


def _matching(typed):
    """Names with every word of `typed` at the start of one of their words, or
    spelled like the words typed in full."""
    has_words = _has_words(typed.required)
    # A typo is looked for in the words typed in full: a short form spelled
    # out ("CA": "communaute d agglomeration") would look like hundreds of names.
    if len(typed.spelled_phrase) < TYPO_MIN_LENGTH:
        return has_words
    spelled_alike = models.Q(search_name__trigram_word_similar=typed.spelled_phrase)
    if typed.required == typed.spelled and len(typed.spelled) == 1:
        # One word: a name with a word starting with it holds all its trigrams
        # but perhaps the last ("nt " of "saint" in "saintes"), a word
        # similarity of 0.75 or more from 4 letters, above the 0.6 of %>: the
        # names spelled alike include those with the word (none missing for
        # any of the 79,592 word starts of 4 to 9 letters of the COG). Alone,
        # the condition is estimated right ("saint": 4,234 names for 4,499).
        # Or-ed with the word's LIKE, taken for independent, it was expected
        # to keep 7,973 names: PostgreSQL read the whole table and computed
        # the similarity of 32,000 names, 74 ms instead of 22 with the index.
        return spelled_alike
    return has_words | spelled_alike


def _flag(condition, weight):
    return models.Case(
        models.When(condition, then=models.Value(weight)),
        default=models.Value(0),
        output_field=models.FloatField(),
    )


def _relevance(typed):
    """4 to 15 for a name with every word typed: + 8 for the whole name, + 2 for
    whole words, + 1 for the start of the name; below 1 (trigram similarities)
    for a name only spelled alike."""
    words = (
        _flag(models.Q(search_name=_padded(typed.phrase)), 8)
        + _flag(_has_words(typed.required, whole=True), 2)
        + _flag(models.Q(search_name__startswith=" " + typed.phrase), 1)
        + models.Value(4.0)
    )
    return models.Case(
        models.When(_has_words(typed.required), then=words),
        # Spelled alike: the closest word, then the closest whole name
        # ("grenobel": Grenoble before Grenoble-Alpes-Métropole).
        default=(
            TrigramWordSimilarity(models.Value(typed.spelled_phrase), "search_name")
            + TrigramSimilarity("search_name", models.Value(typed.spelled_phrase))
        )
        / 2,
        output_field=models.FloatField(),
    )


def _kind_rank():
    """0 for a région, 1 for a département…: the widest first."""
    return models.Case(
        *(models.When(kind=kind, then=rank) for rank, kind in enumerate(KIND_PRIORITY)),
        output_field=models.IntegerField(),
    )


def _unknown(text, nearest):
    if nearest is None:
        return ValidationError(
            _("Aucun territoire ne correspond à « %(text)s »."),
            code="unknown",
            params={"text": text},
        )
    return ValidationError(
        _("Aucun territoire ne correspond à « %(text)s ». Vouliez-vous dire « %(name)s » ?"),
        code="unknown",
        params={"text": text, "name": str(nearest)},
    )


class Territory(models.Model):
    """A région, département, EPCI or commune of the Code officiel géographique."""

    class Kind(models.TextChoices):
        REGION = "region", _("région")
        DEPARTEMENT = "departement", _("département")
        EPCI = "epci", _("intercommunalité (EPCI)")
        COMMUNE = "commune", _("commune")

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    code = models.CharField(
        _("code officiel"),
        max_length=9,
        help_text=_("Code INSEE, ou SIREN pour un EPCI. Exemple : 38563 pour Voiron."),
    )
    name = models.CharField(_("nom"), max_length=200)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    postcodes = ArrayField(
        models.CharField(max_length=5),
        verbose_name=_("codes postaux"),
        default=list,
        blank=True,
        help_text=_("Exemple : 38500."),
    )
    region = models.ForeignKey(
        "self",
        verbose_name=_("région"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "region"},
    )
    departement = models.ForeignKey(
        "self",
        verbose_name=_("département"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "departement"},
    )
    epci = models.ForeignKey(
        "self",
        verbose_name=_("intercommunalité"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "epci"},
    )
    ancestor_ids = ArrayField(
        models.BigIntegerField(),
        verbose_name=_("territoires englobants"),
        default=list,
        blank=True,
        help_text=_("Identifiants du territoire et de tous ceux qui le contiennent."),
    )
    # The name as names.plain() writes it, between spaces: " saint etienne ".
    search_name = models.GeneratedField(
        expression=Concat(
            models.Value(" ", output_field=models.TextField()),
            models.Func(
                Lower(Unaccent("name")),
                models.Value("[^a-z0-9]+"),
                models.Value(" "),
                models.Value("g"),
                function="regexp_replace",
                output_field=models.TextField(),
            ),
            models.Value(" ", output_field=models.TextField()),
            output_field=models.TextField(),
        ),
        output_field=models.TextField(),
        db_persist=True,
        verbose_name=_("nom pour la recherche"),
    )
    geometry = models.MultiPolygonField(_("contour"), srid=4326, null=True, blank=True)
    point = models.PointField(_("point représentatif"), srid=4326, null=True, blank=True)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="territory_unique_kind_code"),
        ]
        indexes = [
            # TerritoryQuerySet.search() (the suggestions, every typed place):
            # words at the start of a word of the name (LIKE '% gresi%'), the
            # closest spelling (%>), and named() (=), over some 35,000 communes.
            GinIndex(
                fields=["search_name"], name="territory_search_name", opclasses=["gin_trgm_ops"]
            ),
            # TerritoryQuerySet.search(): postcode lookup.
            GinIndex(fields=["postcodes"], name="territory_postcodes"),
            # initiatives/search_index.py: places inside a territory.
            GinIndex(fields=["ancestor_ids"], name="territory_ancestors"),
            # Proximity and map queries.
            GistIndex(fields=["point"], name="territory_point"),
            # territories/dashboard/figures.py: the comparable territories, of a
            # kind and a population band.
            models.Index(fields=["kind", "population"], name="territory_kind_population"),
        ]

    def __str__(self):
        if self.kind == self.Kind.DEPARTEMENT:
            return f"{self.name} ({self.code})"
        if self.kind == self.Kind.COMMUNE and self.postcodes:
            return f"{self.name} ({self.postcodes[0]})"
        return self.name

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        versions.bump("territories")
        # Names of the territories around an initiative are in its search document.
        if not adding and (
            kwargs.get("update_fields") is None
            or INDEXED_FIELDS.intersection(kwargs["update_fields"])
        ):
            search_index.refresh_tagged("area_ids", [self.pk])

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        versions.bump("territories")
        return deleted

    def get_absolute_url(self):
        return reverse("territories:detail", args=[self.key])

    @property
    def key(self):
        return f"{self.kind}-{self.code}"

    def outline(self):
        """The outline simplified for a map, as a GeoJSON geometry (a dict), or None."""
        if self.geometry is None:
            return None
        tolerance = OUTLINE_TOLERANCE.get(self.kind, 0.001)
        simple = self.geometry.simplify(tolerance, preserve_topology=True)
        geometry = json.loads(simple.geojson)
        geometry["coordinates"] = _rounded(geometry["coordinates"])
        return geometry

    @property
    def extent(self):
        """(west, south, east, north) of the outline, or of the point, or None."""
        shape = self.geometry or self.point
        return shape.extent if shape else None


def _rounded(coordinates):
    if isinstance(coordinates[0], (int, float)):
        return [round(value, OUTLINE_DIGITS) for value in coordinates]
    return [_rounded(part) for part in coordinates]


class Tally(models.Model):
    """How many published initiatives a territory counts, in all and by stage,
    thématique and actor: those located or acting in it or inside it
    (`area_ids`), as its dashboard shows them (territories/dashboard/).

    Kept by PostgreSQL, whoever writes the initiatives (the model, a bulk
    update, a COPY, a deletion): triggers on initiatives_initiative add what a
    statement published and subtract what it unpublished, archived or changed,
    once per statement for all its rows (migration 0004_tally); a TRUNCATE of
    the initiatives is not seen: truncate this table with it. A dashboard
    reads its territory's rows and those of the comparable territories instead
    of every initiative they hold.
    """

    class Facet(models.TextChoices):
        TOTAL = "total", _("toutes")
        STAGE = "stage", _("étape")
        THEME = "theme", _("thématique")
        ACTOR = "actor", _("acteur")

    pk = models.CompositePrimaryKey("territory_id", "facet", "value")
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territoire"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        # The primary key's first column serves lookups by territory.
        db_index=False,
        related_name="+",
    )
    facet = models.CharField(_("facette"), max_length=8, choices=Facet.choices)
    value = models.CharField(
        _("valeur"),
        max_length=40,
        blank=True,
        help_text=_("Une étape, l’identifiant d’une thématique ou d’un acteur. Exemple : 12."),
    )
    initiatives = models.IntegerField(_("initiatives"), default=0)

    class Meta:
        verbose_name = _("décompte d’un territoire")
        verbose_name_plural = _("décomptes des territoires")

    def __str__(self):
        return f"{self.territory_id} {self.facet} {self.value}: {self.initiatives}"


class ProvenInitiative(models.Model):
    """A published initiative proven enough to be suggested elsewhere (« à
    essaimer », territories/dashboard/essaimage.py): at a proven stage, on
    several sites or acting on several territories; what the suggestions
    filter and order on, copied from it.

    A narrow copy, one row in twelve, so that walking the nearest ones around a
    territory (skipping those already there) reads small rows, not the
    initiatives'. Kept by the same triggers as the tallies (migration
    0005_proveninitiative), from every statement that writes initiatives, which
    the search index does after any change of their sites.
    """

    initiative = models.OneToOneField(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="+",
    )
    # Indexed by the GistIndex of Meta, named.
    point = models.PointField(_("point"), srid=4326, null=True, blank=True, spatial_index=False)
    theme_ids = ArrayField(
        models.BigIntegerField(), verbose_name=_("thématiques"), default=list, blank=True
    )
    area_ids = ArrayField(
        models.BigIntegerField(), verbose_name=_("territoires"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("initiative éprouvée")
        verbose_name_plural = _("initiatives éprouvées")
        indexes = [
            # essaimage.SUGGESTIONS_SQL: the nearest to a territory's point.
            GistIndex(fields=["point"], name="proven_initiative_point"),
        ]

    def __str__(self):
        return str(self.initiative_id)
