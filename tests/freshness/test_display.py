"""What a visitor sees of a fiche's freshness: on the fiche and on the cards."""

import datetime

import pytest

from initiatives.models import Initiative
from tests.freshness.conftest import day
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def test_a_fiche_shows_its_last_update_and_that_it_was_never_verified(visitor, fiche):
    Initiative.objects.filter(pk=fiche.pk).update(updated_at=day(2026, 2, 3))
    html = visitor.get("/initiatives/cantine-solidaire/").content.decode()
    assert "Mise à jour le 3 février 2026" in html
    assert "Jamais vérifiée" in html
    assert "à vérifier</span>" not in html


def test_a_verified_fiche_shows_the_day_of_its_verification(visitor, fiche):
    fiche.mark_verified(day(2026, 3, 5))
    html = visitor.get("/initiatives/cantine-solidaire/").content.decode()
    assert "Vérifiée le 5 mars 2026" in html
    assert "Jamais vérifiée" not in html


def test_a_fiche_to_verify_says_so_on_the_fiche_and_its_card(visitor, fiche):
    fiche.to_verify_since = day(2026, 2, 24)
    fiche.save(update_fields=["to_verify_since"])
    fiche_html = visitor.get("/initiatives/cantine-solidaire/").content.decode()
    assert '<span class="badge badge-warning">à vérifier</span>' in fiche_html
    for url in ("/initiatives/", "/initiatives/?q=cantine"):
        cards = visitor.get(url).content.decode()
        assert '<span class="badge badge-warning freshness">à vérifier</span>' in cards, url


def test_cards_show_the_month_of_the_verification(visitor, fiche, make_initiative):
    fiche.mark_verified(day(2026, 3, 5))
    make_initiative("Cantine jamais vérifiée", published_at=day(2025, 2, 1))
    # The unfiltered list (read by the ORM), a search (read in one SQL
    # statement, as JSON) and the home page.
    for url in ("/initiatives/", "/initiatives/?q=cantine", "/"):
        html = visitor.get(url).content.decode()
        assert html.count("vérifiée en mars 2026") == 1, url
        # Never verified: nothing on its card (the fiche says it).
        assert html.count('class="freshness"') == 1, url


def test_a_verification_late_in_the_evening_is_shown_on_its_local_day(visitor, fiche):
    # 23:30 UTC on 31 March is 1 April in Paris.
    fiche.mark_verified(datetime.datetime(2026, 3, 31, 23, 30, tzinfo=datetime.UTC))
    assert "Vérifiée le 1 avril 2026" in visitor.get(fiche.get_absolute_url()).content.decode()
    assert "vérifiée en avril 2026" in visitor.get("/initiatives/?q=cantine").content.decode()


@pytest.mark.parametrize("params", [{}, {"q": "cantine"}, {"thematique": "mobilite"}])
def test_freshness_adds_no_query_to_the_list(visitor, make_initiative, params):
    def add(first, count):
        for number in range(first, first + count):
            initiative = make_initiative(f"Cantine {number:02d}", themes=["mobilite"])
            if number % 3 == 0:
                initiative.mark_verified(day(2026, 1, 2))
            elif number % 3 == 1:
                initiative.to_verify_since = day(2026, 1, 2)
                initiative.save(update_fields=["to_verify_since"])

    add(0, 2)
    few = count_queries(visitor, "/initiatives/", params)
    add(2, 25)
    # As tests/initiatives/test_list.py counts them: the freshness of the cards
    # is read with them, in the same statement.
    assert count_queries(visitor, "/initiatives/", params) == few
    assert few <= (12 if not params else 10)


def test_the_fiche_reads_its_freshness_with_itself(visitor, fiche, django_assert_num_queries):
    fiche.mark_verified(day(2026, 3, 5))
    fiche.to_verify_since = day(2026, 4, 1)
    fiche.save(update_fields=["to_verify_since"])
    visitor.get("/initiatives/cantine-solidaire/")  # the taxonomy, read once by a worker
    # Queries: the initiative (with its commune, carrier and freshness), its
    # themes, sites, publics, territories, roles, awards, indicators and
    # listings, the programmes it may be eligible for, and whether it has
    # holders (the contact block). No theme: no similar initiatives.
    with django_assert_num_queries(11):
        response = visitor.get("/initiatives/cantine-solidaire/")
    assert "Vérifiée le 5 mars 2026" in response.content.decode()
