"""French full-text search: query parsing and typo correction.

Queries and documents go through the `french_unaccent` text search
configuration (created by a migration): accents are dropped, then French
stemming applies. Each query word becomes a prefix match on its stem, because
the stems of one family differ ("insérer" → "inser", "insertion" → "insert").
A word the directory does not contain is widened with the closest words it
does contain (trigram similarity), so that one wrong letter still finds it.
"""

from typing import NamedTuple

from django.contrib.postgres.search import SearchQuery
from django.db import connection

from carrefour import kept, versions

CONFIG = "french_unaccent"
# Shorter stems are matched exactly: "age:*" would also find "agenc".
PREFIX_MIN_LENGTH = 5
# Words shorter than this are not corrected: too many neighbours.
CORRECTION_MIN_LENGTH = 4
CORRECTION_MIN_SIMILARITY = 0.4
CORRECTIONS_PER_WORD = 2
MAX_QUERY_WORDS = 12
# The dictionary of known words changes only with the directory (its version
# token): a worker builds each query once, not on every page of a search.
_built = kept.Memory(1024)
BUILT_SECONDS = 3600

ALTERNATIVES_SQL = f"""
WITH query AS (
    SELECT lexeme FROM unnest(to_tsvector('{CONFIG}', %s)) LIMIT {MAX_QUERY_WORDS}
)
SELECT query.lexeme, correction.word
FROM query
LEFT JOIN LATERAL (
    SELECT term.word
    FROM initiatives_searchterm term
    WHERE length(query.lexeme) >= {CORRECTION_MIN_LENGTH}
      AND NOT EXISTS (
          SELECT 1 FROM initiatives_searchterm known WHERE known.word = query.lexeme
      )
      AND term.word %% query.lexeme
      AND similarity(term.word, query.lexeme) >= {CORRECTION_MIN_SIMILARITY}
    ORDER BY similarity(term.word, query.lexeme) DESC, term.documents DESC, term.word
    LIMIT {CORRECTIONS_PER_WORD}
) correction ON true
"""


# A prefix is matched, to find initiatives, as the known words it begins (at
# most this many, else as a prefix): the full-text index reads a prefix by
# collecting the documents of every word it begins before anything else
# ("produit:* & local:*" in a million headlines: 95 ms, against 9 ms for the
# same two words exactly). The dictionary holds every word of every published
# document (search_index.refresh()), so both find the same initiatives.
MAX_WORDS_PER_PREFIX = 50

KNOWN_WORDS_SQL = """
SELECT prefix.word, ARRAY(
    SELECT term.word FROM initiatives_searchterm term
    WHERE term.word LIKE prefix.pattern ORDER BY term.word LIMIT %s
)
FROM unnest(%s::text[], %s::text[]) AS prefix(word, pattern)
"""


class SearchWords(NamedTuple):
    """The `to_tsquery('simple', …)` sources of a search: `matching`, the query
    that finds its initiatives, each prefix written as the known words it
    begins; `ranking`, the same words with their prefixes, which the rank reads."""

    matching: str
    ranking: str


NO_WORDS = SearchWords("", "")


def _quote(lexeme):
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _is_prefix(lexeme):
    return len(lexeme) >= PREFIX_MIN_LENGTH


def _term(lexeme):
    return _quote(lexeme) + (":*" if _is_prefix(lexeme) else "")


def _like_pattern(lexeme):
    escaped = lexeme.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def build_tsquery(text):
    """The SearchWords of `text` (NO_WORDS when it has no word).

    Every word must match (AND); each word matches its stem or, for a word the
    directory does not know, its closest known words (OR).
    """
    text = (text or "").strip()[:500]
    if not text:
        return NO_WORDS
    key = (versions.current("directory"), text)
    built = _built.get(key)
    if built is None:
        built = _built_from_dictionary(text)
        _built.put(key, built, BUILT_SECONDS)
    return built


def _built_from_dictionary(text):
    with connection.cursor() as cursor:
        cursor.execute(ALTERNATIVES_SQL, [text])
        rows = cursor.fetchall()
        alternatives = {}
        for lexeme, correction in rows:
            alternatives.setdefault(lexeme, [lexeme])
            if correction and correction not in alternatives[lexeme]:
                alternatives[lexeme].append(correction)
        prefixes = sorted(
            {word for words in alternatives.values() for word in words if _is_prefix(word)}
        )
        known = {}
        if prefixes:
            cursor.execute(
                KNOWN_WORDS_SQL,
                [MAX_WORDS_PER_PREFIX + 1, prefixes, [_like_pattern(word) for word in prefixes]],
            )
            known = dict(cursor.fetchall())

    def matching(word):
        words = known.get(word)
        if words is None:
            return [_quote(word)]
        if len(words) > MAX_WORDS_PER_PREFIX:
            return [_term(word)]
        # No known word begins it: it finds nothing, as its prefix would.
        return [_quote(each) for each in words] or [_quote(word)]

    def source(terms_of):
        # dict.fromkeys(): each term once, in order (a correction may begin
        # the same known words as the word typed).
        groups = [
            " | ".join(dict.fromkeys(term for word in words for term in terms_of(word)))
            for words in alternatives.values()
        ]
        return " & ".join(f"({group})" for group in groups)

    return SearchWords(matching=source(matching), ranking=source(lambda word: [_term(word)]))


class LexemeQuery(SearchQuery):
    """A tsquery of lexemes that are already normalised: cast, never re-parsed.

    `to_tsquery()` would parse the lexemes again and split compound ones
    ("auvergne-rhone-alp") into phrases that no document contains.
    """

    template = "%(expressions)s::tsquery"

    def __init__(self, source):
        super().__init__(source, search_type="raw")


class PrefixQuery(SearchQuery):
    """Every word of a text, accent-free and stemmed, as a prefix match (all
    words must match), built by the database in the statement that uses it.

    For small tables searched without typo correction (the programmes): no
    query before the search, unlike build_tsquery().
    """

    template = (
        "(SELECT coalesce(string_agg(quote_literal(w.lexeme)"
        f" || CASE WHEN length(w.lexeme) >= {PREFIX_MIN_LENGTH} THEN ':*' ELSE '' END,"
        f" ' & '), '') FROM unnest(to_tsvector('{CONFIG}', left(%(expressions)s, 500))) w"
        ")::tsquery"
    )

    def __init__(self, text):
        super().__init__(text, search_type="raw")
