import json
import re

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex, OpClass
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from carrefour.text import Unaccent
from initiatives import search_index

KIND_PRIORITY = ["region", "departement", "epci", "commune"]

# Outlines drawn on maps are simplified to about a pixel at the zoom each kind
# of territory is seen, in degrees: a région's outline goes from 100 kB to 10.
OUTLINE_TOLERANCE = {"region": 0.01, "departement": 0.004, "epci": 0.002, "commune": 0.0005}
OUTLINE_DIGITS = 5

# What a person may type for a place: a key (commune-38563), a name, a postcode,
# or a name with its postcode or code, as the autocompletes write it: "Voiron
# (38500)", "Isère (38)".
KEY = re.compile(r"[a-z]+-[0-9AB]+", re.IGNORECASE)
LABELLED = re.compile(r"^(?P<name>.+?)\s*\((?P<code>[0-9AB]{2,5})\)$", re.IGNORECASE)
MAX_NAMES_SHOWN = 5
MOST_POPULOUS = (models.F("population").desc(nulls_last=True), "name")


# What the search index of the initiatives copies from the territories around them.
INDEXED_FIELDS = frozenset({"name", "ancestor_ids"})


class TerritoryQuerySet(models.QuerySet):
    def of_kind(self, kind):
        return self.filter(kind=kind)

    def update(self, **kwargs):
        if not INDEXED_FIELDS.intersection(kwargs):
            return super().update(**kwargs)
        ids = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        search_index.refresh_tagged("area_ids", ids)
        return count

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
        """Territories whose name starts like `text`, or whose postcode is `text`."""
        text = (text or "").strip()
        if not text:
            return self
        if text.isdigit():
            return self.filter(postcodes__contains=[text])
        return self.annotate(plain_name=Unaccent(Lower("name"))).filter(
            plain_name__startswith=Unaccent(models.Value(text.lower()))
        )

    def suggested(self, text):
        """What the autocompletes offer for `text`: search(text), most populous first."""
        return self.search(text).order_by(*MOST_POPULOUS)

    def named(self, name):
        """Territories called exactly `name`, whatever its case and accents."""
        return self.annotate(plain_name=Unaccent(Lower("name"))).filter(
            plain_name=Unaccent(models.Value(name.lower()))
        )

    def from_typed(self, text, kinds=None):
        """The territory, of one of `kinds` (any by default), that a person
        means by `text`; None for no text; else ValidationError.

        Reads a key (`commune-38563`), a postcode (its most populous commune:
        the one the postcode is usually named after), a name, or a name with
        its postcode or official code ("Voiron (38500)", "Isère (38)"). A name
        is taken whole, without accents or case: a wider territory wins over a
        narrower one of the same name; two of the same kind are ambiguous. A
        name only begun is unknown, with the nearest name suggested.
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
        if text.isdigit():
            found = places.filter(postcodes__contains=[text]).order_by(*MOST_POPULOUS).first()
            if found is None:
                raise _unknown(text, nearest=None)
            return found
        match = LABELLED.match(text)
        name, code = (match["name"], match["code"].upper()) if match else (text, None)
        exact = places.named(name)
        if code:
            exact = exact.filter(models.Q(code=code) | models.Q(postcodes__contains=[code]))
        ranked = exact.annotate(kind_rank=_kind_rank()).order_by("kind_rank", *MOST_POPULOUS)
        candidates = list(ranked[: MAX_NAMES_SHOWN + 1])
        if not candidates:
            raise _unknown(text, nearest=places.best_match(name))
        candidates = [place for place in candidates if place.kind == candidates[0].kind]
        if len(candidates) > 1:
            names = ", ".join(str(place) for place in candidates[:MAX_NAMES_SHOWN])
            raise ValidationError(
                _("Plusieurs lieux portent ce nom : précisez, par exemple %(names)s."),
                code="ambiguous",
                params={"names": names},
            )
        return candidates[0]

    def best_match(self, text):
        """The territory a person most likely means by a name or a postcode, or None.

        An exact name wins over a prefix, a région over a département of the same
        name, and a populous commune over a small one.
        """
        text = (text or "").strip()
        if not text or len(text) > 100:
            return None
        exact = Exact(Unaccent(Lower("name")), Unaccent(models.Value(text.lower())))
        return (
            self.search(text)
            .annotate(
                is_exact=exact,
                kind_rank=_kind_rank(),
            )
            .order_by("-is_exact", "kind_rank", models.F("population").desc(nulls_last=True))
            .first()
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
            # TerritoryQuerySet.search(): name autocomplete, accent-insensitive prefix.
            models.Index(
                OpClass(Unaccent(Lower("name")), name="text_pattern_ops"),
                name="territory_plain_name_prefix",
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
        # Names of the territories around an initiative are in its search document.
        if not adding and (
            kwargs.get("update_fields") is None
            or INDEXED_FIELDS.intersection(kwargs["update_fields"])
        ):
            search_index.refresh_tagged("area_ids", [self.pk])

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
