"""Is it serious? Awards and labels, the partners that list it, indicators with
their year: on every card and fiche; labels as the filter and facet `label=`
of the list, the map and its data, the exports and the API."""

import json

import pytest

from initiatives.labels import label_name, label_slug
from initiatives.models import Award, Label
from sources.models import Source, SourceListing
from tests.queries import count_queries

DATA = "/carte/donnees.geojson"


@pytest.mark.parametrize(
    ("award", "name", "slug"),
    [
        ("Lauréat La France s’engage", "La France s’engage", "la-france-s-engage"),
        ("La France s'engage 2020", "La France s'engage", "la-france-s-engage"),
        ("Lauréate du Prix de l’ESS (2019)", "Prix de l’ESS", "prix-de-l-ess"),
        ("Finaliste : Trophées de l'ESS - 2018", "Trophées de l'ESS", "trophees-de-l-ess"),
        (
            "Prix de l’innovation locale",
            "Prix de l’innovation locale",
            "prix-de-l-innovation-locale",
        ),
        ("2020", "", ""),
    ],
)
def test_a_label_is_the_award_name_without_how_it_was_won_nor_its_year(award, name, slug):
    assert (label_name(award), label_slug(award)) == (name, slug)


@pytest.fixture
def awarded(make_initiative):
    """Wimoov and VRAC won La France s’engage (worded two ways), VRAC a second
    prize too; Avise lists Wimoov; the Chorale has nothing to show."""
    wimoov = make_initiative("Wimoov", themes=["mobilite"], commune="commune-69123")
    vrac = make_initiative("VRAC", themes=["commerce"], commune="commune-69123")
    make_initiative("Chorale", themes=["culture"], commune="commune-38563")
    Award.objects.create(initiative=wimoov, name="Lauréat La France s’engage", year=2016)
    # As the proposal form writes them.
    Award.objects.bulk_create(
        [
            Award(initiative=vrac, name="La France s'engage 2020", year=2020),
            Award(initiative=vrac, name="Prix de l’innovation sociale", year=2019),
            Award(initiative=vrac, name="Trophée de l’alimentation durable"),
        ]
    )
    avise = Source.objects.create(name="Avise", slug="avise", format=Source.Format.CIS_CSV)
    SourceListing.objects.create(source=avise, initiative=wimoov, identifier="w-1")
    return wimoov, vrac


def names(response):
    return sorted(card.name for card in response.context["results"].page.object_list)


def test_awards_worded_differently_share_one_label(awarded):
    assert list(Label.objects.values_list("slug", flat=True)) == [
        "la-france-s-engage",
        "prix-de-l-innovation-sociale",
        "trophee-de-l-alimentation-durable",
    ]
    assert Award.objects.filter(label__slug="la-france-s-engage").count() == 2


def test_the_list_keeps_the_initiatives_with_a_label(visitor, awarded):
    response = visitor.get("/initiatives/", {"label": "la-france-s-engage"})
    assert names(response) == ["VRAC", "Wimoov"]
    # The active filter names the label and can be removed.
    assert 'La France s’engage<span class="visually-hidden"> (retirer ce filtre)' in response.text


def test_labels_are_a_facet_of_the_list(visitor, awarded):
    response = visitor.get("/initiatives/", {"thematique": "commerce"})
    facets = {facet.value.slug: facet.count for facet in response.context["results"].labels}
    assert facets == {
        "la-france-s-engage": 1,
        "prix-de-l-innovation-sociale": 1,
        "trophee-de-l-alimentation-durable": 1,
    }
    assert ">Labels et prix</h2>" in response.text
    assert '<a href="?thematique=commerce&amp;label=la-france-s-engage">' in response.text


def test_the_unfiltered_list_counts_every_label(visitor, awarded):
    results = visitor.get("/initiatives/").context["results"]
    assert {facet.value.slug: facet.count for facet in results.labels}["la-france-s-engage"] == 2


def test_an_award_removed_leaves_the_label_facet(visitor, awarded):
    _wimoov, vrac = awarded
    vrac.awards.filter(name__startswith="La France").delete()
    response = visitor.get("/initiatives/", {"label": "la-france-s-engage"})
    assert names(response) == ["Wimoov"]


def test_an_unknown_label_is_a_clear_filter_error(visitor, awarded):
    response = visitor.get("/initiatives/", {"label": "inconnu"})
    assert response.status_code == 200
    assert "Label ou prix :" in response.text
    assert "Sélectionnez un choix valide" in response.text
    data = visitor.get(DATA, {"label": "inconnu"})
    assert data.status_code == 400
    assert json.loads(data.content)["champs"].keys() == {"label"}


@pytest.mark.parametrize("zoom", ["5", "14"])
def test_the_map_data_keeps_the_initiatives_with_a_label(visitor, awarded, zoom):
    params = {"label": "prix-de-l-innovation-sociale", "zoom": zoom, "bbox": "4.6,44.9,6.0,46.0"}
    collection = json.loads(visitor.get(DATA, params).content)
    assert [item["nom"] for item in collection["liste"]] == ["VRAC"]


def test_the_api_and_the_exports_filter_on_a_label(visitor, awarded):
    body = visitor.get("/api/v1/initiatives/", {"label": "la-france-s-engage"}).json()
    assert sorted(row["slug"] for row in body["resultats"]) == ["vrac", "wimoov"]
    assert visitor.get("/api/v1/initiatives/", {"label": "inconnu"}).status_code == 400
    detail = visitor.get("/api/v1/initiatives/wimoov/").json()
    assert detail["distinctions"][0]["label"] == "la-france-s-engage"
    export = visitor.get("/donnees/initiatives.csv", {"label": "prix-de-l-innovation-sociale"})
    text = b"".join(export.streaming_content).decode()
    assert "VRAC" in text and "Wimoov" not in text and "Chorale" not in text


def test_a_card_shows_its_awards_and_who_lists_it(visitor, awarded):
    response = visitor.get("/initiatives/", {"tri": "nom"})
    cards = {card.name: card for card in response.context["results"].page.object_list}
    assert cards["Wimoov"].awards == ["Lauréat La France s’engage 2016"]
    assert cards["Wimoov"].sources == ["Avise"]
    # Two awards named, the others counted.
    assert cards["VRAC"].awards == [
        "La France s'engage 2020",
        "Prix de l’innovation sociale 2019",
    ]
    assert cards["VRAC"].more_awards == 1
    assert cards["Chorale"].awards == [] and cards["Chorale"].sources == []
    assert '<li class="signal-source">Référencée par Avise</li>' in response.text
    assert "+ 1 autre distinction" in response.text


def test_a_card_follows_a_renamed_source(visitor, awarded):
    source = Source.objects.get(slug="avise")
    source.name = "Avise, l’agence"
    source.save()
    response = visitor.get("/initiatives/", {"q": "wimoov"})
    assert response.context["results"].page.object_list[0].sources == ["Avise, l’agence"]


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/initiatives/", {}),
        ("/initiatives/", {"thematique": "mobilite"}),
        ("/initiatives/", {"label": "la-france-s-engage"}),
        (DATA, {"label": "la-france-s-engage", "zoom": "14", "bbox": "4.6,44.9,6.0,46.0"}),
    ],
)
def test_cards_cost_the_same_queries_with_many_awards_and_sources(
    visitor, make_initiative, url, params
):
    avise = Source.objects.create(name="Avise", slug="avise", format=Source.Format.CIS_CSV)
    other = Source.objects.create(name="Réseau", slug="reseau", format=Source.Format.CIS_CSV)

    def add(count, offset):
        for number in range(offset, offset + count):
            initiative = make_initiative(
                f"Atelier mobilité {number}", themes=["mobilite"], commune="commune-69123"
            )
            Award.objects.bulk_create(
                [
                    Award(initiative=initiative, name="Lauréat La France s’engage", year=2020),
                    Award(initiative=initiative, name=f"Prix local {number}", year=2021),
                ]
            )
            SourceListing.objects.create(source=avise, initiative=initiative, identifier=number)
            SourceListing.objects.create(source=other, initiative=initiative, identifier=number)

    add(2, 0)
    few = count_queries(visitor, url, params)
    add(12, 2)
    # The list: the version tokens of the shared cache, [the chosen label], one
    # statement for the count, the cards (their awards and sources are a
    # column each: Initiative.credentials) and the facets, and the taxonomy
    # (themes and publics) when the process has not read it yet. The
    # unfiltered list reads its facets from the shared cache and, not found
    # there, counts them and stores them (the cache table's size, then the row
    # within a savepoint), then reads its page: the ids, then their cards. The
    # map data: the version tokens, the chosen label, the points, the themes.
    assert count_queries(visitor, url, params) == few
    assert few <= (12 if not params else 7)


def test_the_fiche_says_what_makes_it_serious(visitor, awarded, django_assert_num_queries):
    wimoov, _vrac = awarded
    wimoov.indicators.create(label="plateformes de mobilité", value=26, year=2019)
    wimoov.indicators.create(label="personnes accompagnées", value=12000, year=2022)
    wimoov.indicators.create(label="bénévoles", value=40)
    response = visitor.get("/initiatives/wimoov/")
    text = response.text
    signals = text[text.index('<ul class="signals"') : text.index("</ul>", text.index("signals"))]
    assert 'href="/initiatives/?label=la-france-s-engage"' in signals
    assert "Lauréat La France s’engage 2016</a>" in signals
    assert 'Référencée par <a href="/sources/avise/">Avise</a>' in signals
    assert "3 indicateurs d’impact mesurés (dernière mesure en 2022)" in signals
    assert "(2019)</li>" in text and "(année non précisée)</li>" in text


def test_a_moderator_rewords_a_label_and_the_facet_follows(admin_client, visitor, awarded):
    label = Label.objects.get(slug="la-france-s-engage")
    response = admin_client.post(
        f"/admin/initiatives/label/{label.pk}/change/", {"name": "Fondation La France s’engage"}
    )
    assert response.status_code == 302
    label.refresh_from_db()
    assert (label.name, label.slug) == ("Fondation La France s’engage", "la-france-s-engage")
    results = visitor.get("/initiatives/").context["results"]
    assert "Fondation La France s’engage" in {facet.value.name for facet in results.labels}
