"""The default crosswalk of cis-csv codes to our taxonomy."""

import re

from sources.crosswalks import Target, default_crosswalk
from sources.crosswalks.cis import CROSSWALK, LEVEL_1, LEVEL_2
from themes.taxonomy import DOMAINS, PUBLICS

# The codes of the second version of the original Carrefour, as issue 9 lists them.
ISSUE_LEVEL_1 = "EDU EMP ENV SAN SOL TER ART COM CON DEM GOU NUM SPO TOU FIN PAT".split()
ISSUE_LEVEL_2 = (
    "EDC EGA ENF INN ACE FOR ORG ADA AGR ALI GES ENE PRN ACS AID BIE PRV EFH GRA HAN LIE "
    "LUT SEN AMH COO INI MOB"
).split()

THEMATIQUES = {slug for _domain, _name, children in DOMAINS for _code, slug, _n in children}
PUBLIC_SLUGS = {slug for slug, _name in PUBLICS}


def test_every_code_of_both_levels_is_mapped_to_a_theme_or_a_public():
    assert list(LEVEL_1) == ISSUE_LEVEL_1
    assert list(LEVEL_2) == ISSUE_LEVEL_2
    assert set(CROSSWALK) == set(ISSUE_LEVEL_1) | set(ISSUE_LEVEL_2)
    for code, target in CROSSWALK.items():
        assert target.themes or target.publics, code


def test_every_slug_of_the_crosswalk_is_in_the_seeded_taxonomy():
    for code, target in CROSSWALK.items():
        assert set(target.themes) <= THEMATIQUES, code
        assert set(target.publics) <= PUBLIC_SLUGS, code


def test_the_codes_of_the_issue_land_where_expected():
    assert CROSSWALK["SEN"] == Target(("intergenerationnel",), ("seniors",))
    assert CROSSWALK["HAN"].publics == ("handicap",)
    assert CROSSWALK["MOB"].themes == ("mobilite",)
    assert CROSSWALK["ENE"].themes == ("energie",)
    assert CROSSWALK["GES"].themes == ("dechets-economie-circulaire",)


def test_the_two_levels_never_share_a_code_so_a_code_says_its_level():
    assert not set(LEVEL_1) & set(LEVEL_2)
    assert all(re.fullmatch("[A-Z]{3}", code) for code in CROSSWALK)


def test_cis_csv_sources_start_from_this_crosswalk_and_others_from_none():
    assert default_crosswalk("cis-csv") == CROSSWALK
    assert default_crosswalk("gogocarto-json") == {}
