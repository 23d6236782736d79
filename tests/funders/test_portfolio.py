"""An actor's portfolio: its initiatives, where they act, on what, and their
impact added up, checked against sums made by hand."""

import csv
import io
from decimal import Decimal

import pytest

from actors.models import Actor
from initiatives.models import Indicator, Initiative, InitiativeActor
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

URL = "/acteurs/banque-des-territoires/portefeuille/"


def measure(initiative, label, value, unit, year=2023):
    Indicator.objects.create(
        initiative=initiative, label=label, value=Decimal(value), unit=unit, year=year
    )


@pytest.fixture
def portfolio(funder, make_initiative, make_programme):
    """Four published initiatives the funder supports, one draft, one it does not.

    By hand, for 2023: plateformes de mobilité 26 + 3 = 29 (Wimoov, Mobilité
    Drôme: the second is spelt " Plateformes de mobilité " in " Plateformes");
    jeunes accompagnés 300 + 400 = 700 (Mobilité Drôme, Jeunes de Paris); the
    50 heures of "Jeunes accompagnés" are another unit; personnes accompagnées
    12 000 in 2023 and 800 in 2022 are two years. The 45 % and the 8,5 /10
    cannot be added. The draft's 100 plateformes and the 1 000 of an initiative
    the funder does not support are not counted.
    """
    fiso = make_programme("FISO", actors=[funder], kind="pret")
    supported = [(funder, "financeur")]
    wimoov = make_initiative(
        "Wimoov", commune="commune-38563", themes=["mobilite", "insertion"], actors=supported
    )
    InitiativeActor.objects.filter(initiative=wimoov).update(programme=fiso, year=2021)
    drome = make_initiative(
        "Mobilité Drôme", commune="commune-26362", themes=["mobilite"], actors=supported
    )
    paris = make_initiative(
        "Jeunes de Paris",
        commune="commune-75056",
        themes=["enfance-jeunesse", "insertion"],
        actors=[(funder, "accompagnateur")],
    )
    national = make_initiative(
        "Réseau national", is_national=True, themes=["emploi"], actors=supported
    )
    draft = make_initiative("Brouillon financé", status=Initiative.Status.DRAFT, actors=supported)
    elsewhere = make_initiative("Ailleurs", commune="commune-38185", themes=["mobilite"])

    measure(wimoov, "plateformes de mobilité", "26", "plateformes")
    measure(wimoov, "personnes accompagnées", "12000", "personnes")
    measure(wimoov, "taux de retour à l’emploi", "45", "%")
    measure(drome, " Plateformes de mobilité ", "3", " Plateformes")
    measure(drome, "personnes accompagnées", "800", "personnes", year=2022)
    measure(drome, "jeunes accompagnés", "300", "jeunes")
    measure(paris, "jeunes  accompagnés", "400", "Jeunes")
    measure(paris, "Jeunes accompagnés", "50", "heures")
    measure(paris, "satisfaction des jeunes", "8.5", "/10")
    measure(draft, "plateformes de mobilité", "100", "plateformes")
    measure(elsewhere, "plateformes de mobilité", "1000", "plateformes")
    return [wimoov, drome, paris, national]


def test_the_portfolio_adds_up_what_can_be_added(visitor, portfolio):
    response = visitor.get(URL)

    context = response.context["portfolio"]
    totals = [
        (total.label, total.unit, total.year, total.value, [i.name for i in total.initiatives])
        for total in context.totals
    ]
    assert totals == [
        ("Jeunes accompagnés", "heures", 2023, Decimal(50), ["Jeunes de Paris"]),
        ("jeunes accompagnés", "Jeunes", 2023, Decimal(700), ["Jeunes de Paris", "Mobilité Drôme"]),
        ("personnes accompagnées", "personnes", 2023, Decimal(12000), ["Wimoov"]),
        ("Plateformes de mobilité", "Plateformes", 2023, Decimal(29), ["Mobilité Drôme", "Wimoov"]),
        ("personnes accompagnées", "personnes", 2022, Decimal(800), ["Mobilité Drôme"]),
    ]
    others = [(item.label, item.value, item.unit) for item in context.other_indicators]
    assert others == [
        ("satisfaction des jeunes", Decimal("8.5"), "/10"),
        ("taux de retour à l’emploi", Decimal(45), "%"),
    ]
    html = response.content.decode()
    assert "<strong>29</strong> Plateformes de mobilité" in html
    assert "<strong>700</strong> jeunes accompagnés" in html
    assert "<strong>12\xa0000</strong> personnes accompagnées" in html
    assert "<strong>50</strong> heures — Jeunes accompagnés" in html
    assert "taux de retour à l’emploi : 45 %" in html


def test_the_portfolio_counts_territories_and_themes(visitor, portfolio):
    response = visitor.get(URL)

    context = response.context["portfolio"]
    assert (context.total, context.national) == (4, 1)
    assert [(p.name, p.initiative_count) for p in context.regions] == [
        ("Auvergne-Rhône-Alpes", 2),
        ("Île-de-France", 1),
    ]
    assert [(p.code, p.initiative_count) for p in context.departements] == [
        ("26", 1),
        ("38", 1),
        ("75", 1),
    ]
    assert [(t.slug, t.initiative_count) for t in context.themes] == [
        ("insertion", 2),
        ("mobilite", 2),
        ("emploi", 1),
        ("enfance-jeunesse", 1),
    ]
    html = response.content.decode()
    assert "Brouillon financé" not in html and "Ailleurs" not in html
    assert "Financeur — FISO (2021)" in html
    assert [(p["name"], p["initiative_count"]) for p in context.programmes] == [("FISO", 1)]
    assert '<a href="/programmes/fiso/">FISO</a> : 1 initiative' in html
    assert 'data-query="acteur=banque-des-territoires"' in html, "the map of its initiatives"


def test_the_portfolio_costs_the_same_however_many_initiatives(
    visitor, funder, make_initiative, django_assert_num_queries
):
    def add(name):
        initiative = make_initiative(
            name, commune="commune-38563", themes=["mobilite"], actors=[(funder, "financeur")]
        )
        measure(initiative, "plateformes", "1", "plateformes")

    add("Une")
    one = count_queries(visitor, URL, warm=True)
    for name in ["Deux", "Trois", "Quatre", "Cinq"]:
        add(name)
    visitor.get(URL)
    # The actor; the counts (total, national); régions and départements; the
    # indicators with their initiatives; the thématiques; the programmes; the
    # list: its count, its page, the actor's roles on that page.
    with django_assert_num_queries(9):
        response = visitor.get(URL)
    assert response.context["portfolio"].totals[0].value == 5
    assert one == 9


def test_an_unknown_or_unpublished_actor_has_no_portfolio(visitor, make_actor):
    make_actor("Fonds caché", is_published=False)

    assert visitor.get("/acteurs/fonds-cache/portefeuille/").status_code == 404
    assert visitor.get("/acteurs/personne/portefeuille/").status_code == 404
    assert visitor.get("/acteurs/fonds-cache/portefeuille.csv").status_code == 404


def test_an_empty_portfolio_says_so(visitor, funder):
    html = visitor.get(URL).content.decode()

    assert "Aucune initiative publiée n’est encore liée à cet acteur." in html


def read_csv(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_lists_each_published_initiative_with_the_actors_roles(visitor, portfolio):
    response = visitor.get("/acteurs/banque-des-territoires/portefeuille.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="portefeuille-banque-des-territoires.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert [row["nom"] for row in rows] == [
        "Jeunes de Paris",
        "Mobilité Drôme",
        "Réseau national",
        "Wimoov",
    ]
    wimoov = rows[-1]
    assert wimoov["url"].endswith("/initiatives/wimoov/")
    assert (wimoov["commune"], wimoov["code_commune"]) == ("Voiron", "38563")
    assert (wimoov["roles"], wimoov["programmes"], wimoov["annees_de_soutien"]) == (
        "financeur",
        "FISO",
        "2021",
    )
    assert "plateformes de mobilité : 26 plateformes (2023)" in wimoov["indicateurs"]
    assert rows[2]["national"] == "oui"
    assert "prive" not in "".join(str(row) for row in rows)


def test_the_csv_costs_the_same_however_many_initiatives(
    visitor, funder, make_initiative, django_assert_num_queries
):
    for name in ["Une", "Deux", "Trois"]:
        make_initiative(name, themes=["mobilite"], actors=[(funder, "financeur")])
    # The actor; the ids; the chunk of initiatives; its themes, indicators,
    # the actor's roles (with programmes), territories.
    with django_assert_num_queries(7):
        rows = read_csv(visitor.get("/acteurs/banque-des-territoires/portefeuille.csv"))
    assert len(rows) == 3


def test_the_actor_page_links_to_its_portfolio_and_a_manager_sees_a_shortcut(
    lucie_client, visitor, funder
):
    assert "Déclarer un soutien" in lucie_client.get(URL).content.decode()
    assert "Déclarer un soutien" not in visitor.get(URL).content.decode()
    assert Actor.objects.get().slug == "banque-des-territoires"
