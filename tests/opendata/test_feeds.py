"""Atom feeds of the directory: /donnees/initiatives.atom?<filters of /initiatives/>."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from opendata.feeds import FEED_ENTRIES
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEED = "/donnees/initiatives.atom"


def read_feed(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    assert response["Cache-Control"] == "public, max-age=300"
    return ET.fromstring(response.content)


def entry_titles(feed):
    return [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]


def list_names(client, params):
    response = client.get("/initiatives/", {**params, "tri": "recent"})
    return [card.name for card in response.context["results"].page.object_list]


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def directory(make_initiative):
    """Initiatives published on different days, in Isère, Rhône and Paris."""
    make_initiative(
        "Vélo solidaire", themes=["mobilite"], commune="commune-38563", published_at=days_ago(3)
    )
    make_initiative(
        "Garage solidaire", themes=["mobilite"], commune="commune-69123", published_at=days_ago(1)
    )
    make_initiative(
        "Autopartage de Grenoble",
        themes=["mobilite", "insertion"],
        commune="commune-38185",
        published_at=days_ago(2),
        summary="Des voitures partagées entre voisins.",
    )
    make_initiative(
        "Cantine partagée", themes=["insertion"], commune="commune-75056", published_at=days_ago(5)
    )
    make_initiative("Brouillon mobile", themes=["mobilite"], status="draft")


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"thematique": "mobilite"},
        {"territoire": "departement-38"},
        {"territoire": "departement-38", "thematique": "mobilite"},
        {"q": "solidaire"},
        {"pres_de": "commune-38185", "rayon": "50"},
    ],
)
def test_a_feed_lists_the_newest_of_the_list_with_the_same_filters(visitor, directory, params):
    feed = read_feed(visitor.get(FEED, params))
    assert entry_titles(feed) == list_names(visitor, params)
    assert entry_titles(feed)


def test_the_feed_lists_the_newest_first_even_when_the_list_is_sorted_otherwise(visitor, directory):
    feed = read_feed(visitor.get(FEED, {"thematique": "mobilite", "tri": "nom", "page": "2"}))
    assert entry_titles(feed) == ["Garage solidaire", "Autopartage de Grenoble", "Vélo solidaire"]


def test_an_entry_has_its_name_summary_fiche_dates_and_themes(visitor, directory, settings):
    feed = read_feed(visitor.get(FEED, {"q": "autopartage"}))
    (entry,) = feed.iter(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Autopartage de Grenoble"
    assert entry.find(f"{ATOM}summary").text == "Des voitures partagées entre voisins."
    link = entry.find(f"{ATOM}link").get("href")
    assert link == f"{settings.SITE_URL}/initiatives/autopartage-de-grenoble/"
    assert entry.find(f"{ATOM}published").text.startswith(days_ago(2).date().isoformat())
    assert entry.find(f"{ATOM}updated").text.startswith(timezone.now().date().isoformat())
    terms = {category.get("term") for category in entry.iter(f"{ATOM}category")}
    assert terms == {"Mobilité", "Insertion"}


def test_the_title_says_the_filters_in_french(visitor, directory):
    feed = read_feed(visitor.get(FEED, {"territoire": "departement-38", "thematique": "mobilite"}))
    assert feed.find(f"{ATOM}title").text == "Nouvelles initiatives — Isère, Mobilité"
    whole = read_feed(visitor.get(FEED))
    assert whole.find(f"{ATOM}title").text == "Nouvelles initiatives sur Carrefour"
    staged = read_feed(visitor.get(FEED, {"etape": "essaimage", "q": "vélo"}))
    assert staged.find(f"{ATOM}title").text == "Nouvelles initiatives — « vélo », Essaimage"


def test_a_feed_keeps_at_most_fifty_entries(visitor, make_initiative):
    for number in range(FEED_ENTRIES + 3):
        make_initiative(f"Atelier {number:02d}", published_at=days_ago(100 - number))
    titles = entry_titles(read_feed(visitor.get(FEED)))
    assert len(titles) == FEED_ENTRIES
    assert titles[0] == f"Atelier {FEED_ENTRIES + 2:02d}"


def test_the_feed_shows_no_private_field(visitor, make_initiative):
    make_initiative(
        "Vélo solidaire",
        themes=["mobilite"],
        contact_email="secret-marqueur@example.org",
        contact_name="Marqueur Privé",
    )
    content = visitor.get(FEED, {"thematique": "mobilite"}).content.decode()
    assert "Vélo solidaire" in content
    assert "secret-marqueur" not in content
    assert "Marqueur Privé" not in content


@pytest.mark.parametrize(
    "params",
    [
        {"thematique": "inconnue"},
        {"territoire": "departement-999"},
        {"rayon": "-4", "pres_de": "commune-38185"},
        {"etape": "lune"},
        {"acteur": "personne"},
    ],
)
def test_wrong_filters_answer_400_in_french(visitor, directory, params):
    response = visitor.get(FEED, params)
    assert response.status_code == 400
    body = response.json()
    assert body["erreur"].startswith("Paramètres invalides : ")
    assert set(body["champs"]) == set(params) - {"pres_de"}


def test_the_feed_costs_the_same_queries_whatever_the_number_of_entries(
    visitor, make_initiative, client
):
    make_initiative("Vélo solidaire", themes=["mobilite"], commune="commune-38563")
    params = {"thematique": "mobilite", "territoire": "departement-38"}
    few = count_queries(client, FEED, params)
    for number in range(30):
        make_initiative(f"Atelier {number:02d}", themes=["mobilite"], commune="commune-38185")
    # The version tokens, the themes, the publics, the territory, the search's
    # counts in the shared cache (not there), the search with its facets in one
    # statement, then the dates of the entries.
    assert few == 7
    assert count_queries(client, FEED, params) == few


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/initiatives/?territoire=departement-38&thematique=mobilite&tri=nom",
            "?thematique=mobilite&territoire=departement-38",
        ),
        ("/territoires/departement-38/", "?territoire=departement-38"),
        ("/thematiques/mobilite/", "?thematique=mobilite"),
        ("/carte/?q=velo", "?q=velo"),
    ],
)
def test_list_pages_link_to_the_feed_of_their_filters(visitor, directory, url, expected):
    html = visitor.get(url).content.decode()
    start = '<link rel="alternate" type="application/atom+xml"'
    assert html.count(start) == 1
    link = html.split(start)[1].split(">")[0]
    assert f'href="/donnees/initiatives.atom{expected.replace("&", "&amp;")}"' in link


def test_the_feed_link_of_a_page_is_titled_with_its_filters(visitor, directory):
    html = visitor.get("/initiatives/", {"territoire": "departement-38", "thematique": "mobilite"})
    assert 'title="Nouvelles initiatives — Isère, Mobilité"' in html.content.decode()


def test_actor_and_source_pages_link_to_their_feed(visitor, make_actor, make_initiative):
    actor = make_actor("Fondation Mobilité", is_published=True)
    make_initiative("Vélo solidaire", actors=[(actor, "financeur")])
    html = visitor.get(actor.get_absolute_url()).content.decode()
    assert 'href="/donnees/initiatives.atom?acteur=fondation-mobilite"' in html
    assert 'title="Nouvelles initiatives — Fondation Mobilité"' in html
