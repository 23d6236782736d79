"""Reads of programmes and their calls, as chainable predicates."""

from django.apps import apps
from django.contrib.postgres.search import SearchRank
from django.db import models
from django.db.models import Exists, F, Min, OuterRef, Q
from django.utils import timezone

from carrefour import versions
from carrefour.search import PrefixQuery
from initiatives import search_index

# What the search index of the initiatives copies from the programmes through
# which their actors acted.
PROGRAMME_INDEXED_FIELDS = frozenset({"name", "is_published"})


def _today(day):
    return day or timezone.localdate()


class CallQuerySet(models.QuerySet):
    def open_on(self, day=None):
        """Calls one may answer on `day` (today by default)."""
        day = _today(day)
        return self.filter(Q(opens_on__isnull=True) | Q(opens_on__lte=day), closes_on__gte=day)


class ProgrammeQuerySet(models.QuerySet):
    """Programmes; the search index of the initiatives they supported follows
    their writes (their names are in it)."""

    def update(self, **kwargs):
        indexed = PROGRAMME_INDEXED_FIELDS.intersection(kwargs)
        initiatives = self._supported_ids() if indexed else []
        count = super().update(**kwargs)
        versions.bump("programmes")
        search_index.refresh(initiatives)
        return count

    def delete(self):
        initiatives = self._supported_ids()
        deleted = super().delete()
        versions.bump("programmes")
        search_index.refresh(initiatives)
        return deleted

    delete.queryset_only = True

    def _supported_ids(self):
        roles = apps.get_model("initiatives", "InitiativeActor").objects
        return list(
            roles.filter(programme__in=self.values("pk")).values_list("initiative_id", flat=True)
        )

    def published(self):
        return self.filter(is_published=True)

    def of_kind(self, kind):
        return self.filter(kind=kind) if kind else self

    def search(self, text):
        """Programmes whose words start with those of `text` (accents and
        inflections ignored), annotated with `rank` (name > summary > rest)."""
        text = (text or "").strip()
        if not text:
            return self
        query = PrefixQuery(text)
        return self.filter(document=query).annotate(rank=SearchRank(F("document"), query))

    def run_by(self, actor):
        return self.filter(actors=actor) if actor else self

    def with_themes(self, themes):
        """Programmes open to one of `themes` (a domaine stands for its
        thématiques, a thématique for its domaine), or to any thématique."""
        if not themes:
            return self
        ids = {theme.pk for theme in themes} | {t.parent_id for t in themes if t.parent_id}
        through = self.model.themes.through
        chosen = through.objects.filter(programme=OuterRef("pk")).filter(
            Q(theme__in=ids) | Q(theme__parent__in=ids)
        )
        any_theme = ~Exists(through.objects.filter(programme=OuterRef("pk")))
        return self.filter(Exists(chosen) | any_theme)

    def at_stage(self, stage):
        if not stage:
            return self
        return self.filter(Q(stages=[]) | Q(stages__contains=[stage]))

    def of_structure(self, structure_type):
        if not structure_type:
            return self
        return self.filter(Q(structure_types=[]) | Q(structure_types__contains=[structure_type]))

    def in_territory(self, territory):
        """Programmes open in `territory`: national, without territories, on a
        territory containing it, or on a territory inside it."""
        if territory is None:
            return self
        through = self.model.territories.through
        links = through.objects.filter(programme=OuterRef("pk"))
        containing = links.filter(territory__in=territory.ancestor_ids or [territory.pk])
        inside = links.filter(territory__ancestor_ids__contains=[territory.pk])
        return self.filter(
            Q(is_national=True) | ~Exists(links) | Exists(containing) | Exists(inside)
        )

    def open_on(self, day=None):
        """Programmes one may apply to on `day`: permanent, or with a call open."""
        calls = apps.get_model("actors", "Call").objects.open_on(day)
        return self.filter(Q(is_permanent=True) | Exists(calls.filter(programme=OuterRef("pk"))))

    def with_next_closing(self, day=None):
        """Annotated with `next_closing`: the closing date of its open call
        closing first (None without an open call)."""
        calls = apps.get_model("actors", "Call").objects.open_on(day)
        return self.annotate(
            next_closing=models.Subquery(
                calls.filter(programme=OuterRef("pk"))
                .values("programme")
                .annotate(first=Min("closes_on"))
                .values("first")[:1]
            )
        )
