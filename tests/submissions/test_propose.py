import pytest

from actors.models import Actor
from initiatives.models import Initiative
from outbox.models import Email
from tests.submissions.formdata import draft_form, initiative_form

pytestmark = pytest.mark.django_db


def test_visitors_are_asked_to_log_in_first(visitor):
    response = visitor.get("/proposer/")

    assert response.status_code == 302
    assert response["Location"] == "/compte/connexion/?next=/proposer/"


def test_the_form_shows_every_section_in_french(marie):
    html = marie.get("/proposer/").content.decode()

    for text in (
        "Proposer une initiative",
        "Structure porteuse",
        "Territoires d’action",
        "Financeurs et partenaires",
        "Labels et prix",
        "Image ou logo",
        "Enregistrer le brouillon",
        'value="marie@example.org"',
        "data-picker",
    ):
        assert text in html, text


def test_a_draft_needs_only_a_name_and_stays_private(marie, holder, visitor):
    response = marie.post("/proposer/", draft_form("Jardin partagé"))

    initiative = Initiative.objects.get()
    assert response["Location"] == "/mon-espace/fiches/jardin-partage/"
    assert initiative.status == Initiative.Status.DRAFT
    assert list(initiative.holders.all()) == [holder]
    assert "Jardin partagé" in marie.get("/mon-espace/").content.decode()
    marie.logout()
    assert marie.get("/initiatives/jardin-partage/").status_code == 404


def test_submitting_an_incomplete_fiche_names_each_missing_field_and_keeps_the_rest(marie):
    data = initiative_form(summary="", commune="", contact_email="")

    response = marie.post("/proposer/", data)

    html = response.content.decode()
    assert response.status_code == 200
    # Next to each of the three fields, and in the summary at the top.
    assert html.count("À remplir avant d’envoyer la fiche en relecture.") == 6
    assert 'value="Cantine des Voironnais"' in html
    assert "Contexte : l’isolement." in html
    assert 'value="12 rue Mainssieux"' in html
    assert not Initiative.objects.exists()


def test_a_complete_fiche_is_saved_then_sent_for_review(marie, holder):
    response = marie.post("/proposer/", initiative_form())
    assert response["Location"] == "/mon-espace/fiches/cantine-des-voironnais/envoyer/"
    initiative = Initiative.objects.get()
    assert initiative.status == Initiative.Status.DRAFT

    response = marie.post("/mon-espace/fiches/cantine-des-voironnais/envoyer/")

    assert response["Location"] == "/mon-espace/"
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.PENDING
    assert initiative.submitted_at is not None
    email = Email.objects.get(kind="submission-received")
    assert email.to == "marie@example.org"
    assert "Cantine des Voironnais" in email.body


def test_the_fields_are_stored_with_their_relations(marie, make_actor):
    france_active = make_actor("France Active")
    data = initiative_form(
        action="draft",
        roles=[
            {"actor": "france active", "role": "financeur"},
            {"actor": "Fondation des Voisins", "role": "partenaire"},
        ],
        awards=[{"name": "Prix de l’innovation locale", "year": "2021"}],
        territories=["Isère (38)", "Grenoble", "Voiron"],
    )

    response = marie.post("/proposer/", data)

    assert response.status_code == 302, response.content.decode()
    initiative = Initiative.objects.get()
    assert initiative.commune.code == "38563"
    assert initiative.point == initiative.commune.point, "without a point, the commune's"
    assert initiative.year_started == 2019
    assert initiative.contact_name == "Camille Martin"
    assert [t.slug for t in initiative.themes.all()] == ["mobilite"]
    assert sorted(t.name for t in initiative.territories.all()) == [
        "Grenoble",
        "Isère",
        "Voiron",
    ]
    carrier = initiative.carrier
    assert (carrier.name, carrier.kind, carrier.is_published) == (
        "Association Cantine des Voironnais",
        Actor.Kind.STRUCTURE,
        False,
    )
    roles = {(role.actor.name, role.role) for role in initiative.roles.select_related("actor")}
    assert roles == {("France Active", "financeur"), ("Fondation des Voisins", "partenaire")}
    assert initiative.roles.get(role="financeur").actor == france_active
    assert not Actor.objects.get(name="Fondation des Voisins").is_published
    assert [str(award) for award in initiative.awards.all()] == [
        "Prix de l’innovation locale (2021)"
    ]


def test_the_point_placed_on_the_map_is_kept(marie):
    marie.post(
        "/proposer/", initiative_form(action="draft", latitude="45.3642", longitude="5.5903")
    )

    point = Initiative.objects.get().point
    assert (round(point.y, 4), round(point.x, 4)) == (45.3642, 5.5903)


def test_an_unknown_or_ambiguous_place_is_explained(marie):
    response = marie.post(
        "/proposer/",
        initiative_form(commune="Voironville", territories=["Montagny"]),
    )

    html = response.content.decode()
    assert "Aucun territoire ne correspond à « Voironville »" in html
    assert "Plusieurs lieux portent ce nom : précisez, par exemple Montagny (" in html


def test_a_postcode_or_a_name_without_accents_finds_the_commune(marie):
    marie.post("/proposer/", initiative_form(action="draft", commune="26100"))
    assert Initiative.objects.get().commune.name == "Romans-sur-Isère"
    Initiative.objects.all().delete()

    marie.post("/proposer/", initiative_form(action="draft", commune="saint-etienne"))
    assert Initiative.objects.get().commune.name == "Saint-Étienne"
    Initiative.objects.all().delete()

    # A postcode several communes share: the one it is named after, as in the
    # directory's filters and the contact form.
    marie.post("/proposer/", initiative_form(action="draft", commune="38500"))
    assert Initiative.objects.get().commune.name == "Voiron"


def test_a_draft_can_be_completed_later_then_sent(marie):
    marie.post("/proposer/", draft_form("Cantine des Voironnais"))

    form = marie.get("/mon-espace/fiches/cantine-des-voironnais/").content.decode()
    assert 'value="Cantine des Voironnais"' in form
    response = marie.post("/mon-espace/fiches/cantine-des-voironnais/", initiative_form())

    assert response["Location"] == "/mon-espace/fiches/cantine-des-voironnais/envoyer/"


def test_a_draft_cannot_be_sent_by_url_before_it_is_complete(marie):
    marie.post("/proposer/", draft_form("Jardin partagé"))

    response = marie.post("/mon-espace/fiches/jardin-partage/envoyer/", follow=True)

    assert "Complétez la fiche avant de l’envoyer" in response.content.decode()
    assert Initiative.objects.get().status == Initiative.Status.DRAFT


def test_a_holder_deletes_her_draft(marie):
    marie.post("/proposer/", draft_form("Jardin partagé"))

    response = marie.post("/mon-espace/fiches/jardin-partage/supprimer/")

    assert response["Location"] == "/mon-espace/"
    assert not Initiative.objects.exists()


def test_similar_published_initiatives_are_offered_for_claiming_before_sending(
    marie, make_initiative
):
    make_initiative("La Cantine des Voironnais", commune="commune-38563")
    make_initiative(
        "Autre chose", commune="commune-75056", website="https://cantine-voironnais.example.org/"
    )
    make_initiative("Cantine des Voironnais", commune="commune-75056", slug="cantine-paris")
    marie.post("/proposer/", initiative_form())

    html = marie.get("/mon-espace/fiches/cantine-des-voironnais/envoyer/").content.decode()

    assert "Cette initiative est-elle déjà dans l’annuaire ?" in html
    assert "La Cantine des Voironnais" in html, "similar name nearby"
    assert "Autre chose" in html, "same website"
    assert "/initiatives/cantine-paris/" not in html, "same name 500 km away"
    assert "/initiatives/la-cantine-des-voironnais/revendiquer/" in html
