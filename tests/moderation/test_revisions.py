"""Editing a published fiche: a pending revision, live once approved."""

import pytest

from moderation.models import Action
from outbox.models import Email
from submissions.models import Revision
from tests.moderation.conftest import decide
from tests.submissions.formdata import initiative_form

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/revision/"
EDIT = "/mon-espace/fiches/cantine-des-voironnais/"


@pytest.fixture
def published(make_initiative, make_actor, holder):
    initiative = make_initiative(
        "Cantine des Voironnais",
        summary="Une cantine partagée.",
        description="La description en ligne.",
        commune="commune-38563",
        themes=["mobilite"],
        carrier=make_actor("Association Cantine des Voironnais", kind="structure"),
        contact_name="Camille Martin",
        contact_email="camille@example.org",
    )
    initiative.holders.add(holder)
    return initiative


@pytest.fixture
def marie(client, holder):
    client.force_login(holder)
    return client


def propose(client, **changes):
    data = initiative_form(summary="Une cantine partagée.", **changes)
    return client.post(EDIT, data)


def test_the_edit_form_starts_from_the_live_fiche(marie, published):
    html = marie.get(EDIT).content.decode()

    assert "La description en ligne." in html
    assert 'value="Association Cantine des Voironnais"' in html
    assert 'value="Voiron (38500)"' in html
    assert "Envoyer la modification en relecture" in html


def test_an_edit_waits_for_review_while_the_live_fiche_stays(marie, visitor, published):
    response = propose(marie, description="Une toute nouvelle description.")

    assert response["Location"] == "/mon-espace/"
    revision = Revision.objects.get()
    assert revision.status == Revision.Status.PENDING
    assert revision.data["description"] == "Une toute nouvelle description."
    published.refresh_from_db()
    assert published.description == "La description en ligne."
    fiche = visitor.get("/initiatives/cantine-des-voironnais/").content.decode()
    assert "La description en ligne." in fiche
    assert Email.objects.get().kind == "revision-received"
    assert "modification en attente de relecture" in marie.get("/mon-espace/").content.decode()


def test_new_edits_replace_the_pending_revision(marie, published):
    propose(marie, description="Première version.")
    assert "Première version." in marie.get(EDIT).content.decode()

    propose(marie, description="Seconde version.")

    revision = Revision.objects.get()
    assert revision.data["description"] == "Seconde version."
    assert Email.objects.count() == 1


def test_moderators_read_the_changes_field_by_field_as_text(moderator_client, marie, published):
    propose(marie, description="<script>alert('x')</script> Nouvelle.", year_started="2020")
    revision = Revision.objects.get()

    html = moderator_client.get(f"{QUEUE}{revision.pk}/change/").content.decode()

    assert "La description en ligne." in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Nouvelle." in html
    assert "<script>alert" not in html
    assert "année de création" in html.lower()
    assert ">Nom<" not in html.replace("<th scope='col'>", ""), "unchanged fields are left out"


def test_approving_puts_the_revision_live_and_searchable(
    moderator_client, moderator, marie, visitor, published
):
    propose(marie, description="Une cuisine solidaire et intergénérationnelle.")
    revision = Revision.objects.get()

    decide(moderator_client, QUEUE, "approve", [revision], message="Merci !")

    published.refresh_from_db()
    assert published.description == "Une cuisine solidaire et intergénérationnelle."
    fiche = visitor.get("/initiatives/cantine-des-voironnais/").content.decode()
    assert "intergénérationnelle" in fiche
    results = visitor.get("/initiatives/", {"q": "intergenerationnel"}).content.decode()
    assert "Cantine des Voironnais" in results
    revision.refresh_from_db()
    assert revision.status == Revision.Status.APPROVED
    action = Action.objects.get()
    assert (action.revision, action.moderator, action.kind) == (revision, moderator, "approve")
    assert Email.objects.filter(kind="revision-approved", to="marie@example.org").exists()


def test_refusing_keeps_the_live_fiche_and_tells_why(moderator_client, marie, published):
    propose(marie, description="Une description publicitaire.")
    revision = Revision.objects.get()

    decide(moderator_client, QUEUE, "reject", [revision], reason="promotionnel", message="")

    published.refresh_from_db()
    assert published.description == "La description en ligne."
    email = Email.objects.get(kind="revision-rejected")
    assert "Motif : contenu publicitaire ou inapproprié" in email.body


def test_the_public_url_of_a_published_fiche_never_changes(
    moderator_client, marie, visitor, published
):
    propose(marie, name="Cantine solidaire du Voironnais")
    decide(moderator_client, QUEUE, "approve", [Revision.objects.get()])

    published.refresh_from_db()
    assert published.name == "Cantine solidaire du Voironnais"
    assert published.slug == "cantine-des-voironnais"
