"""Search behaviour: what a person typing in the search box finds, and in which order."""

import pytest
from django.db import connection

from actors.models import Actor
from carrefour import kept
from carrefour import search as carrefour_search
from carrefour.search import build_tsquery
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def names(queryset):
    return [initiative.name for initiative in queryset]


def search(text):
    return Initiative.objects.published().search(text).ordered_by("pertinence")


def test_it_finds_words_without_their_accents(make_initiative):
    make_initiative("Plateforme Wimoov", summary="Des solutions de mobilité pour tous.")
    make_initiative("Cantine partagée", summary="Un repas ensemble contre la solitude.")
    assert names(search("mobilite")) == ["Plateforme Wimoov"]
    assert names(search("MOBILITÉ")) == ["Plateforme Wimoov"]


def test_it_finds_other_forms_of_a_french_word(make_initiative):
    make_initiative("Retour à l’emploi", summary="Un parcours d’insertion professionnelle.")
    make_initiative("Jardin partagé", summary="Des potagers au pied des immeubles.")
    assert names(search("insérer")) == ["Retour à l’emploi"]
    assert names(search("insertions")) == ["Retour à l’emploi"]
    assert names(search("jardins")) == ["Jardin partagé"]


def test_it_forgives_one_wrong_letter_in_a_name(make_initiative):
    make_initiative("Wimoov", summary="Des plateformes pour se déplacer.")
    make_initiative("Villages Vivants", summary="Des commerces dans les bourgs.")
    assert names(search("Wimov")) == ["Wimoov"]
    assert names(search("Vilages")) == ["Villages Vivants"]
    assert names(search("Villqges vivants")) == ["Villages Vivants"]


def test_it_does_not_invent_matches_for_unrelated_words(make_initiative):
    make_initiative("Wimoov", summary="Des plateformes pour se déplacer.")
    assert names(search("piscine")) == []


def test_every_word_of_the_query_must_match(make_initiative):
    make_initiative("Épicerie solidaire", summary="Des produits à petits prix.")
    make_initiative("Épicerie bio", summary="Des produits locaux.")
    assert names(search("épicerie solidaire")) == ["Épicerie solidaire"]


def test_it_finds_an_initiative_by_the_name_of_its_funder(make_initiative, make_actor):
    funder = make_actor("Fondation Cognacq-Jay", kind=Actor.Kind.FOUNDATION)
    make_initiative("Résidence intergénérationnelle", actors=[(funder, "financeur")])
    make_initiative("Atelier vélo")
    assert names(search("Cognacq-Jay")) == ["Résidence intergénérationnelle"]


def test_an_unpublished_funder_does_not_reveal_what_it_funds(make_initiative, make_actor):
    secret = make_actor("Mécène Discret", is_published=False)
    make_initiative("Atelier vélo", actors=[(secret, "financeur")])
    assert names(search("Discret")) == []


def test_it_finds_an_initiative_by_its_theme(make_initiative):
    make_initiative("Atelier vélo", themes=["mobilite"], summary="Réparer son vélo.")
    assert names(search("mobilité")) == ["Atelier vélo"]


def test_it_finds_initiatives_located_or_active_in_a_named_place(make_initiative):
    make_initiative("Épicerie de Voiron", commune="commune-38563")
    make_initiative("Réseau isérois", territories=["departement-38"])
    make_initiative("Cantine lyonnaise", commune="commune-69123")
    assert set(names(search("Voiron"))) == {"Épicerie de Voiron"}
    assert set(names(search("Isère"))) == {"Épicerie de Voiron", "Réseau isérois"}
    assert set(names(search("Pays Voironnais"))) == {"Épicerie de Voiron"}
    assert set(names(search("Auvergne-Rhône-Alpes"))) == {
        "Épicerie de Voiron",
        "Réseau isérois",
        "Cantine lyonnaise",
    }


def test_a_match_in_the_name_ranks_before_the_summary_before_the_description(
    make_initiative,
):
    make_initiative("Atelier couture", summary="Coudre ensemble.", description="Une cantine.")
    make_initiative("Cantine du quartier", summary="Manger ensemble.")
    make_initiative("Repair café", summary="Réparer, puis partager la cantine.")
    assert names(search("cantine")) == [
        "Cantine du quartier",
        "Repair café",
        "Atelier couture",
    ]


def test_it_never_finds_unpublished_initiatives(make_initiative):
    for status in ("draft", "pending", "rejected", "archived"):
        make_initiative(f"Cantine {status}", status=status)
    make_initiative("Cantine publiée")
    assert names(search("cantine")) == ["Cantine publiée"]


def test_an_empty_search_leaves_the_queryset_unchanged(make_initiative):
    make_initiative("Cantine")
    queryset = Initiative.objects.published()
    assert queryset.search("") is queryset
    assert queryset.search("   ") is queryset


def test_punctuation_and_operators_in_the_query_do_not_break_it(make_initiative):
    make_initiative("Domb'innov", summary="Un pôle de coopération dans la Dombes.")
    assert names(search("Domb'innov")) == ["Domb'innov"]
    assert names(search("Domb'innov & | ! :* ((( \\")) == ["Domb'innov"]
    assert names(search("piscine:* | !")) == []


def test_a_query_without_any_word_is_an_empty_search(make_initiative):
    make_initiative("Cantine")
    for text in ("'", "\\", "& | ! :*", "(((", "l'"):
        assert names(search(text)) == ["Cantine"], text


def test_a_text_search_leaves_the_planner_settings_as_it_found_them(visitor, make_initiative):
    make_initiative("Atelier vélo")
    assert visitor.get("/initiatives/", {"q": "vélo"}).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)


def test_a_word_begun_finds_the_same_initiatives_as_its_known_words_spelled_out(
    make_initiative, monkeypatch
):
    make_initiative("Villageoises", summary="Des habitantes qui reprennent l’épicerie.")
    make_initiative("Village-Neuf solidaire", summary="Un café associatif.")
    make_initiative("Le Vilain Petit Canard", summary="Une crèche parentale.")
    make_initiative("Brouillon du village", status=Initiative.Status.DRAFT)
    words = build_tsquery("village")
    # Found by the known words, exactly; ranked by the word as typed.
    assert ":*" not in words.matching
    assert words.ranking == "('villag':*)"
    found = names(search("village"))
    assert sorted(found) == ["Village-Neuf solidaire", "Villageoises"]
    # Past the bound, the word is matched as a prefix: the same initiatives.
    monkeypatch.setattr(carrefour_search, "MAX_WORDS_PER_PREFIX", 1)
    kept.forget()
    assert build_tsquery("village").matching == "('villag':*)"
    assert names(search("village")) == found


def test_a_word_that_begins_no_known_word_finds_nothing(make_initiative):
    make_initiative("Ressourcerie du Voironnais", summary="Des objets réparés et revendus.")
    assert build_tsquery("ressourcerie zzzzzzzz").matching.endswith("('zzzzzzzz')")
    assert names(search("ressourcerie zzzzzzzz")) == []
