"""The search index of the initiatives: columns derived from each initiative and
its relations (themes, publics, actors and the programmes through which they
acted, territories, sites), which the directory searches, filters and counts
facets on; and the copy of its main site (address, commune, point: those of
its first site).

Model-free, so that the model layer can keep it right on every write: the
models of initiatives, sites, actors, programmes, themes, publics and
territories call refresh() when they change what the index copies (a name, a
relation, a status), whoever changes them (admin, shell, command, import). The
refresh runs in the same transaction as the change, so that the index is never
seen stale; within deferred(), the refreshes asked for are made once, at the end.
"""

import contextlib
import threading

from django.db import connection

from carrefour import versions
from initiatives import map_cells
from initiatives.facet_keys import FACET_KEYS_SQL

# The columns naming what an initiative's index copies from other tables.
TAGGED_COLUMNS = ("theme_ids", "public_ids", "actor_ids", "area_ids")

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
          SELECT unnest(t.ancestor_ids) AS a FROM initiatives_site s
          JOIN territories_territory t ON t.id = s.commune_id
          WHERE s.initiative_id = i.id
          UNION ALL
          SELECT unnest(t.ancestor_ids) FROM initiatives_initiative_territories it
          JOIN territories_territory t ON t.id = it.territory_id
          WHERE it.initiative_id = i.id
      ) areas), '{}'),
  -- The main site (the first), which cards, the fiche and similar initiatives read.
  commune_id = (SELECT s.commune_id FROM initiatives_site s WHERE s.initiative_id = i.id
                ORDER BY s.position, s.id LIMIT 1),
  point = (SELECT s.point FROM initiatives_site s WHERE s.initiative_id = i.id
           ORDER BY s.position, s.id LIMIT 1),
  address = coalesce((SELECT s.address FROM initiatives_site s WHERE s.initiative_id = i.id
                      ORDER BY s.position, s.id LIMIT 1), '')
WHERE i.id = ANY(%s)
"""

REFRESH_DOCUMENTS_SQL = f"""
UPDATE initiatives_initiative i SET
  facet_keys = {FACET_KEYS_SQL},
  credentials = jsonb_build_object(
      'awards', coalesce((
          SELECT jsonb_agg(jsonb_build_array(a.name, a.year)
                           ORDER BY a.year DESC NULLS LAST, a.name)
          FROM initiatives_award a WHERE a.initiative_id = i.id), '[]'::jsonb),
      'sources', coalesce((
          SELECT jsonb_agg(s.name ORDER BY s.name) FROM sources_source s
          WHERE s.id IN (SELECT l.source_id FROM sources_sourcelisting l
                         WHERE l.initiative_id = i.id AND l.still_listed)), '[]'::jsonb)),
  headline = setweight(to_tsvector('french_unaccent', i.name), 'A')
      || setweight(to_tsvector('french_unaccent', i.summary), 'B'),
  -- Matched, never ranked (`headline` is): without positions nor weights,
  -- it is small enough to stay in its row (STORAGE MAIN), read at no extra
  -- cost when a scan in the order of a sort tests it.
  document = strip(to_tsvector('french_unaccent', i.name || ' ' || i.summary || ' '
      || i.description || ' ' || i.innovation || ' ' || coalesce((
          SELECT string_agg(t.name, ' ') FROM themes_theme t WHERE t.id = ANY(i.theme_ids)
      ), '') || ' ' || coalesce((
          SELECT string_agg(p.name, ' ') FROM themes_public p WHERE p.id = ANY(i.public_ids)
      ), '') || ' ' || coalesce((
          SELECT string_agg(a.name, ' ') FROM actors_actor a
          WHERE a.id = ANY(i.actor_ids) AND a.is_published
      ), '') || ' ' || coalesce((
          -- The programmes through which its actors acted ("FISO").
          SELECT string_agg(DISTINCT p.name, ' ') FROM initiatives_initiativeactor r
          JOIN actors_programme p ON p.id = r.programme_id
          WHERE r.initiative_id = i.id AND p.is_published
      ), '') || ' ' || coalesce((
          SELECT string_agg(t.name, ' ') FROM territories_territory t WHERE t.id = ANY(i.area_ids)
      ), '')))
WHERE i.id = ANY(%s)
RETURNING i.status = 'published'
"""

# Words of the refreshed documents join the dictionary used to correct typos.
REFRESH_TERMS_SQL = """
INSERT INTO initiatives_searchterm (word, documents)
SELECT lexeme, count(*) FROM initiatives_initiative i, unnest(i.document) AS d(lexeme)
WHERE i.id = ANY(%s) AND i.status = 'published'
GROUP BY lexeme
-- In one order, so that two transactions adding words wait for each other
-- rather than deadlock (the bench's generation writes from several processes).
ORDER BY lexeme
ON CONFLICT (word) DO UPDATE
    SET documents = greatest(initiatives_searchterm.documents, excluded.documents)
"""


_deferring = threading.local()


def refresh(ids):
    """Recompute the search columns of the initiatives `ids` (now, or at the end
    of deferred()); return how many."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    pending = getattr(_deferring, "ids", None)
    if pending is not None:
        pending.update(ids)
        return len(ids)
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_ARRAYS_SQL, [ids])
        cursor.execute(REFRESH_DOCUMENTS_SQL, [ids])
        published = any(is_published for (is_published,) in cursor.fetchall())
        cursor.execute(REFRESH_TERMS_SQL, [ids])
    # The map's counts per cell, from the sites and themes just copied.
    map_cells.refresh(ids)
    # Drafts are not counted: editing one leaves every worker's counts alone.
    if published:
        directory_changed()
    return len(ids)


def tagged(column, ids):
    """The published initiatives whose `column` (one of TAGGED_COLUMNS) holds one
    of `ids`, as the partial indexes of those columns find them. The others are
    searched by no one, and refreshed when they are published."""
    if column not in TAGGED_COLUMNS:
        raise ValueError(column)
    ids = list(ids)
    if not ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM initiatives_initiative"
            f" WHERE status = 'published' AND {column} && %s::bigint[]",
            [ids],
        )
        return [row[0] for row in cursor.fetchall()]


def refresh_tagged(column, ids):
    """Refresh the initiatives whose `column` holds one of `ids`: after a rename."""
    return refresh(tagged(column, ids))


def forget(ids):
    """Take the initiatives `ids` out of what is derived across initiatives
    (the map's counts per cell): before they are deleted."""
    map_cells.unmap(ids)


def directory_changed():
    """Every worker recounts the directory (its cached overview) on next use."""
    versions.bump("directory")


@contextlib.contextmanager
def deferred():
    """Refresh at the end of the block, once, every initiative a write in it
    asked to refresh (an edit in the admin changes a row and several relations)."""
    if getattr(_deferring, "ids", None) is not None:
        yield
        return
    _deferring.ids = set()
    try:
        yield
        ids = _deferring.ids
    finally:
        _deferring.ids = None
    refresh(ids)
