"""A holder's journey with the test client, from sign-up to a fiche on the map."""

import pytest
from django.test import Client

from initiatives.models import Initiative
from submissions.models import Revision
from tests.mailbox import last_email_to, links_in
from tests.moderation.conftest import decide
from tests.submissions.formdata import initiative_form

pytestmark = pytest.mark.django_db

EMAIL = "camille@example.org"


def test_sign_up_submit_approve_then_found_in_search_and_on_the_map(moderator_client):
    camille = Client()
    camille.post(
        "/compte/inscription/",
        {
            "email": EMAIL,
            "password": "des tartines au miel",
            "password_again": "des tartines au miel",
        },
    )
    [link] = links_in(last_email_to(EMAIL))
    assert camille.get(link, follow=True).redirect_chain[-1][0] == "/mon-espace/"

    sent = camille.post(
        "/proposer/", initiative_form(latitude="45.3650", longitude="5.5900"), follow=True
    )
    assert sent.redirect_chain[-1][0] == "/mon-espace/fiches/cantine-des-voironnais/envoyer/"
    camille.post("/mon-espace/fiches/cantine-des-voironnais/envoyer/")
    assert "En attente de modération" in camille.get("/mon-espace/").content.decode()
    visitor = Client()
    assert visitor.get("/initiatives/cantine-des-voironnais/").status_code == 404

    initiative = Initiative.objects.get()
    decide(moderator_client, "/admin/moderation/submission/", "approve", [initiative])

    assert last_email_to(EMAIL).kind == "submission-approved"
    fiche = visitor.get("/initiatives/cantine-des-voironnais/").content.decode()
    assert "Une cantine partagée où les habitants cuisinent ensemble." in fiche
    results = visitor.get("/initiatives/", {"q": "cantine", "territoire": "Isère"})
    assert "Cantine des Voironnais" in results.content.decode()
    data = visitor.get("/carte/donnees.geojson", {"bbox": "5.4,45.3,5.7,45.5", "zoom": "14"})
    assert "Cantine des Voironnais" in data.content.decode()

    # Later, an edit waits for review while the published version stays live.
    camille.post(
        "/mon-espace/fiches/cantine-des-voironnais/",
        initiative_form(summary="Une cantine partagée, ouverte tous les midis."),
    )
    assert (
        "ouverte tous les midis" not in visitor.get(initiative.get_absolute_url()).content.decode()
    )
    decide(moderator_client, "/admin/moderation/revision/", "approve", [Revision.objects.get()])
    assert "ouverte tous les midis" in visitor.get(initiative.get_absolute_url()).content.decode()
