"""The search index of the initiatives: columns derived from each initiative and
its relations (themes, publics, actors, territories), which the directory
searches, filters and counts facets on.

Model-free, so that the model layer can keep it right on every write.
"""

from django.db import connection

from initiatives.facet_keys import FACET_KEYS_SQL

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

REFRESH_DOCUMENTS_SQL = f"""
UPDATE initiatives_initiative i SET
  facet_keys = {FACET_KEYS_SQL},
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


def refresh(ids):
    """Recompute the search columns of the initiatives `ids`; return how many."""
    if not ids:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_ARRAYS_SQL, [ids])
        cursor.execute(REFRESH_DOCUMENTS_SQL, [ids])
        cursor.execute(REFRESH_TERMS_SQL, [ids])
    return len(ids)
