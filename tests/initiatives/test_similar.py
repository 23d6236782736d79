"""The similar initiatives of a fiche: shared thématiques and publics first,
then the same stage, then distance, each saying why it is shown."""

import pytest

pytestmark = pytest.mark.django_db

HUBS = [
    ("Pôle coopératif de Paris", "commune-75056"),
    ("Fabrique coopérative de Montreuil", "commune-93048"),
    ("Incubateur de Saint-Denis", "commune-93066"),
    ("Hub ESS de Boulogne", "commune-92012"),
]


@pytest.fixture
def wimoov(make_initiative):
    """A mobility platform in Paris, with four cooperation hubs around it that
    share only "emploi" with it, and mobility initiatives further away."""
    for name, commune in HUBS:
        make_initiative(
            name,
            themes=["economie-sociale-solidaire", "cooperation", "emploi"],
            publics=["entrepreneurs"],
            stage="consolidation",
            commune=commune,
        )
    make_initiative(
        "Garage solidaire de Lyon",
        themes=["mobilite", "insertion"],
        publics=["precarite"],
        stage="essaimage",
        commune="commune-69123",
    )
    make_initiative(
        "Auto-école sociale de Grenoble",
        themes=["mobilite"],
        publics=["demandeurs-emploi"],
        commune="commune-38185",
    )
    make_initiative(
        "Transport à la demande nantais",
        themes=["mobilite"],
        publics=["seniors"],
        commune="commune-44109",
    )
    make_initiative("Chorale de Paris", themes=["culture"], commune="commune-75056")
    return make_initiative(
        "Wimoov",
        themes=["mobilite", "insertion", "emploi"],
        publics=["precarite", "demandeurs-emploi"],
        stage="essaimage",
        commune="commune-75056",
    )


def similar(client, slug="wimoov"):
    return client.get(f"/initiatives/{slug}/").context["similar"]


def test_a_mobility_initiative_gets_mobility_neighbours_before_nearby_hubs(visitor, wimoov):
    names = [other.name for other in similar(visitor)]
    assert names[:3] == [
        "Garage solidaire de Lyon",
        "Auto-école sociale de Grenoble",
        "Transport à la demande nantais",
    ]
    # Then the nearest hub, which shares "emploi".
    assert names[3] == "Pôle coopératif de Paris"


def test_each_says_why_it_is_shown(visitor, wimoov):
    reasons = {other.name: other.reason for other in similar(visitor)}
    assert reasons["Garage solidaire de Lyon"] == "Aussi en insertion et mobilité"
    assert reasons["Auto-école sociale de Grenoble"] == "Aussi en mobilité"
    assert reasons["Pôle coopératif de Paris"] == "Aussi en emploi"
    html = visitor.get("/initiatives/wimoov/").text
    assert '<span class="badge">Aussi en mobilité</span>' in html


def test_between_equals_the_same_stage_wins_over_distance(visitor, make_initiative):
    make_initiative("Vélo-école", themes=["mobilite"], stage="essaimage", commune="commune-69123")
    make_initiative("Covoiturage", themes=["mobilite"], stage="ideation", commune="commune-38563")
    make_initiative("Garage", themes=["mobilite"], stage="essaimage", commune="commune-38185")
    names = [other.name for other in similar(visitor, "garage")]
    # Lyon is further from Grenoble than Voiron, but at the same stage.
    assert names == ["Vélo-école", "Covoiturage"]


def test_without_thematiques_a_shared_public_tells_it(visitor, make_initiative):
    make_initiative("Club des aînés", publics=["seniors"], commune="commune-38563")
    make_initiative("Chorale", publics=["jeunesse"], commune="commune-38563")
    make_initiative("Visites à domicile", publics=["seniors"], commune="commune-38185")
    found = similar(visitor, "visites-a-domicile")
    assert [(other.name, other.reason) for other in found] == [
        ("Club des aînés", "Aussi pour : seniors")
    ]
