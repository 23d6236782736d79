"""Place names as people type them, brought to the form the territories'
`search_name` column holds: lower case, no accents, words separated by single
spaces ("Saint-Étienne" → "saint etienne").

People write short forms the Code officiel géographique spells out ("CA du
Pays Voironnais", "St Étienne"), leave out the little words ("Communauté de
communes Grésivaudan" for "… Le Grésivaudan") and type a département's number
("38", "2A") or a postcode ("38500") next to a name ("Voiron 38").
"""

import re
import unicodedata
from dataclasses import dataclass

# What a short form stands for, in the words of the official names.
SHORT_FORMS = {
    "st": "saint",
    "ste": "sainte",
    "sts": "saints",
    "stes": "saintes",
    "ca": "communaute d agglomeration",
    "cc": "communaute de communes",
    "cu": "communaute urbaine",
    "agglo": "agglomeration",
    "aura": "auvergne rhone alpes",
    "paca": "provence alpes cote d azur",
    "idf": "ile de france",
    "bfc": "bourgogne franche comte",
}

# Words a name may have or not without meaning another place.
STOP_WORDS = frozenset(
    {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les"}
)

# A département's number: 01 to 95, 2A, 2B, 971 to 976.
DEPARTEMENT_CODE = re.compile(r"(?:0[1-9]|[1-9][0-9]|2a|2b|97[1-6])")
POSTCODE = re.compile(r"[0-9]{5}")
# Ligatures that Unicode does not decompose into letters.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
NOT_A_LETTER = re.compile(r"[^a-z0-9]+")
MAX_WORDS = 8


def plain(text):
    """`text` as the `search_name` column writes a name: "saint etienne"."""
    text = (text or "").lower().translate(LIGATURES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(NOT_A_LETTER.sub(" ", text).split())


@dataclass(frozen=True)
class TypedName:
    """What a person typed for a place, read word by word.

    `words`: the words of a name, short forms spelled out; `required`: those a
    name must contain (the little words left out, unless there is nothing
    else); `departement`: a département's number typed alone or after a name;
    `postcode`: a postcode typed after a name; `spelled`: the words typed in
    full, neither short forms nor little words, which a typo may be in.
    """

    words: tuple
    required: tuple
    departement: str = ""
    postcode: str = ""
    spelled: tuple = ()

    @property
    def phrase(self):
        return " ".join(self.words)

    @property
    def spelled_phrase(self):
        return " ".join(self.spelled)

    def __bool__(self):
        return bool(self.words or self.departement or self.postcode)


def read(text):
    """The TypedName of `text`."""
    words, spelled, departement, postcode = [], [], "", ""
    for word in plain(text).split()[:MAX_WORDS]:
        if DEPARTEMENT_CODE.fullmatch(word) and not departement:
            departement = word.upper()
        elif POSTCODE.fullmatch(word) and not postcode:
            postcode = word
        else:
            words.extend(SHORT_FORMS.get(word, word).split())
            if word not in SHORT_FORMS and word not in STOP_WORDS:
                spelled.append(word)
    required = [word for word in words if word not in STOP_WORDS] or words
    return TypedName(tuple(words), tuple(required), departement, postcode, tuple(spelled))
