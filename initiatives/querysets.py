import datetime
import math
from urllib.parse import urlsplit

from django.contrib.gis.db import models
from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.measure import D
from django.contrib.postgres.search import SearchRank, TrigramSimilarity
from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    CharField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    Value,
)
from django.db.models.functions import Lower

from carrefour.search import LexemeQuery, build_tsquery
from carrefour.text import Unaccent

SORTS = ("pertinence", "recent", "nom", "hasard", "distance")

# Kilometres in a degree of latitude (the shortest, at the equator).
KM_PER_DEGREE = 110.57

# Rebuilds the filter arrays from the relations (step 1) then the search
# documents and facet keys, which need the arrays of step 1 (step 2).
REFRESH_ARRAYS_SQL = """
UPDATE initiatives_initiative i SET
  theme_ids = coalesce((
      SELECT array_agg(DISTINCT x ORDER BY x) FROM (
          SELECT t.id AS x FROM initiatives_initiative_themes it
          JOIN themes_theme t ON t.id = it.theme_id WHERE it.initiative_id = i.id
          UNION
          SELECT t.parent_id FROM initiatives_initiative_themes it
          JOIN themes_theme t ON t.id = it.theme_id
          WHERE it.initiative_id = i.id AND t.parent_id IS NOT NULL
      ) themes), '{}'),
  public_ids = coalesce((
      SELECT array_agg(ip.public_id ORDER BY ip.public_id)
      FROM initiatives_initiative_publics ip WHERE ip.initiative_id = i.id), '{}'),
  actor_ids = coalesce((
      SELECT array_agg(DISTINCT a ORDER BY a) FROM (
          SELECT r.actor_id AS a FROM initiatives_initiativeactor r WHERE r.initiative_id = i.id
          UNION SELECT i.carrier_id WHERE i.carrier_id IS NOT NULL
      ) actors), '{}'),
  action_ids = coalesce((
      SELECT array_agg(it.territory_id ORDER BY it.territory_id)
      FROM initiatives_initiative_territories it WHERE it.initiative_id = i.id), '{}'),
  area_ids = coalesce((
      SELECT array_agg(DISTINCT a ORDER BY a) FROM (
          -- Two index lookups; an OR of both would scan every territory.
          SELECT unnest(t.ancestor_ids) AS a FROM territories_territory t
          WHERE t.id = i.commune_id
          UNION ALL
          SELECT unnest(t.ancestor_ids) FROM initiatives_initiative_territories it
          JOIN territories_territory t ON t.id = it.territory_id
          WHERE it.initiative_id = i.id
      ) areas), '{}')
WHERE i.id = ANY(%s)
"""

REFRESH_DOCUMENTS_SQL = """
UPDATE initiatives_initiative i SET
  facet_keys = {facet_keys},
  headline = setweight(to_tsvector('french_unaccent', i.name), 'A')
      || setweight(to_tsvector('french_unaccent', i.summary), 'B'),
  document = setweight(to_tsvector('french_unaccent', i.name), 'A')
      || setweight(to_tsvector('french_unaccent', i.summary), 'B')
      || setweight(to_tsvector('french_unaccent', coalesce((
          SELECT string_agg(t.name, ' ') FROM themes_theme t WHERE t.id = ANY(i.theme_ids)
      ), '') || ' ' || coalesce((
          SELECT string_agg(p.name, ' ') FROM themes_public p WHERE p.id = ANY(i.public_ids)
      ), '') || ' ' || coalesce((
          SELECT string_agg(a.name, ' ') FROM actors_actor a
          WHERE a.id = ANY(i.actor_ids) AND a.is_published
      ), '')), 'B')
      || setweight(to_tsvector('french_unaccent', i.description || ' ' || i.innovation), 'C')
      || setweight(to_tsvector('french_unaccent', coalesce((
          SELECT string_agg(t.name, ' ') FROM territories_territory t WHERE t.id = ANY(i.area_ids)
      ), '')), 'D')
WHERE i.id = ANY(%s)
"""

# Words of the refreshed documents join the dictionary used to correct typos.
REFRESH_TERMS_SQL = """
INSERT INTO initiatives_searchterm (word, documents)
SELECT lexeme, count(*) FROM initiatives_initiative i, unnest(i.document) AS d(lexeme)
WHERE i.id = ANY(%s) AND i.status = 'published'
GROUP BY lexeme
ON CONFLICT (word) DO UPDATE
    SET documents = greatest(initiatives_searchterm.documents, excluded.documents)
"""


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
        source = build_tsquery(text)
        if not source:
            return self
        query = LexemeQuery(source)
        return self.filter(document=query).annotate(
            rank=SearchRank(F("headline"), query, cover_density=False)
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

    def near(self, point, km):
        """Initiatives located within `km` kilometres of `point`, annotated with `distance`.

        The circle in degrees around `point`, wide enough at the latitude of its
        far edge, lets the GiST index on `point` pick the candidates; the distance
        on the sphere then keeps those really within `km`.
        """
        if point is None:
            return self
        far_latitude = min(abs(point.y) + km / KM_PER_DEGREE, 89.0)
        degrees = km / (KM_PER_DEGREE * math.cos(math.radians(far_latitude))) * 1.01
        return (
            self.filter(point__dwithin=(point, degrees))
            .annotate(distance=Distance("point", point))
            .filter(distance__lte=D(km=km))
        )

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
        if sort == "distance" and "distance" in self.query.annotations:
            return self.order_by("distance", "id")
        if sort == "nom":
            return self.order_by("name", "id")
        if sort == "hasard":
            seed = int(seed if seed is not None else datetime.date.today().toordinal())
            shuffle = Func(
                F("id"), Value(seed), function="hashint8extended", output_field=BigIntegerField()
            )
            return self.annotate(shuffle=shuffle).order_by("shuffle", "id")
        if sort == "pertinence" and "rank" in self.query.annotations:
            return self.order_by(*local_first, F("rank").desc(), "-published_at", "id")
        # As the index initiative_recent reads them (published ones always have a date).
        return self.order_by(*local_first, "-published_at", "-id")

    def refresh_search(self):
        """Recompute the search documents and filter arrays of these initiatives."""
        ids = list(self.values_list("pk", flat=True))
        if not ids:
            return 0
        # Imported here: the module needs the model, which needs this one.
        from initiatives.facet_keys import FACET_KEYS_SQL

        with connection.cursor() as cursor:
            cursor.execute(REFRESH_ARRAYS_SQL, [ids])
            cursor.execute(REFRESH_DOCUMENTS_SQL.format(facet_keys=FACET_KEYS_SQL), [ids])
            cursor.execute(REFRESH_TERMS_SQL, [ids])
        return len(ids)
