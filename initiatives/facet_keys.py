"""Every facet value of an initiative in one array, so that facets are counted
in one pass over the matches.

A key is `kind × 2⁴⁰ + value`: the id of a theme, public, actor, région,
source (a partner still listing it) or label (of one of its awards), or the
position (from 1) of a stage or structure type among their choices
(initiatives/choices.py). Reordering those choices needs `manage.py
refresh_search`.

The encoding is written here only: in SQL for the search index
(FACET_KEYS_SQL) and the results statement (sql_is(), sql_value()), in Python
for reading counts (split()).
"""

from initiatives.choices import Stage, Structure

KIND_SHIFT = 40
VALUE_MASK = (1 << KIND_SHIFT) - 1

THEME, PUBLIC, ACTOR, REGION, STAGE, STRUCTURE, SOURCE, LABEL = KINDS = range(1, 9)

STAGES = tuple(Stage.values)
STRUCTURES = tuple(Structure.values)


def _array(values):
    return "ARRAY[" + ", ".join("'" + value + "'" for value in values) + "]::text[]"


def _base(kind):
    return kind << KIND_SHIFT


# The facet_keys of the initiative `i`, from the arrays REFRESH_ARRAYS_SQL fills
# the sources listing it (a listing keeps it right: sources.models) and the
# labels of its awards (an award keeps it right: initiatives.models.Award).
FACET_KEYS_SQL = f"""ARRAY(
    SELECT key FROM (
        SELECT {_base(THEME)} + unnest(i.theme_ids) AS key
        UNION ALL SELECT {_base(PUBLIC)} + unnest(i.public_ids)
        UNION ALL SELECT {_base(ACTOR)} + unnest(i.actor_ids)
        UNION ALL SELECT {_base(REGION)} + t.id FROM territories_territory t
            WHERE t.id = ANY(i.area_ids) AND t.kind = 'region'
        UNION ALL SELECT {_base(STAGE)} + array_position({_array(STAGES)}, i.stage::text)
        UNION ALL SELECT {_base(STRUCTURE)}
            + array_position({_array(STRUCTURES)}, i.structure_type::text)
        UNION ALL SELECT DISTINCT {_base(SOURCE)} + l.source_id FROM sources_sourcelisting l
            WHERE l.initiative_id = i.id AND l.still_listed
        UNION ALL SELECT DISTINCT {_base(LABEL)} + a.label_id FROM initiatives_award a
            WHERE a.initiative_id = i.id AND a.label_id IS NOT NULL
    ) keys WHERE key IS NOT NULL ORDER BY key
)"""


def key_range(kind):
    """The first and last keys of `kind`."""
    return kind << KIND_SHIFT, ((kind + 1) << KIND_SHIFT) - 1


def sql_is(kind, key):
    """SQL: whether the facet key `key` (an SQL expression) is of `kind`."""
    first, last = key_range(kind)
    return f"{key} BETWEEN {first} AND {last}"


def sql_value(kind, key):
    """SQL: the id the facet key `key` of `kind` stands for."""
    return f"{key} - {_base(kind)}"


def split(key):
    """(kind, value) of a facet key; stages and structures as their choice values,
    None for a position no choice has any more."""
    kind, value = key >> KIND_SHIFT, key & VALUE_MASK
    for choices_kind, choices in ((STAGE, STAGES), (STRUCTURE, STRUCTURES)):
        if kind == choices_kind:
            return kind, choices[value - 1] if 0 < value <= len(choices) else None
    return kind, value
