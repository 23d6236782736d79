import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from moderation.models import Claim
from submissions.models import Revision

pytestmark = pytest.mark.django_db


def hold(make_initiative, holder, name, **fields):
    initiative = make_initiative(name, **fields)
    initiative.holders.add(holder)
    return initiative


def test_visitors_are_sent_to_the_login_page(visitor):
    response = visitor.get("/mon-espace/")

    assert response["Location"] == "/compte/connexion/?next=/mon-espace/"


def test_the_space_lists_each_initiative_with_its_status_and_what_to_do(
    marie, holder, make_initiative
):
    hold(make_initiative, holder, "Brouillon de Marie", status="draft")
    published = hold(make_initiative, holder, "Fiche en ligne")
    Revision.objects.create(initiative=published, author=holder, data={})
    make_initiative("Fiche de quelqu’un d’autre", status="draft")
    Claim.objects.create(
        initiative=make_initiative("Wimoov"), user=holder, role="Directrice", message="…"
    )

    html = marie.get("/mon-espace/").content.decode()

    assert "Brouillon de Marie" in html and "Brouillon</span>" in html
    assert "Fiche en ligne" in html and "modification en attente de relecture" in html
    assert "/mon-espace/fiches/brouillon-de-marie/envoyer/" in html
    assert "Fiche de quelqu’un d’autre" not in html
    assert "Wimoov</a> — en attente" in html
    assert 'href="/mon-espace/messages/"' in html


def test_the_space_costs_the_same_however_many_initiatives_it_lists(marie, holder, make_initiative):
    hold(make_initiative, holder, "Fiche 1", commune="commune-38563")
    marie.get("/mon-espace/")
    with CaptureQueriesContext(connection) as one:
        marie.get("/mon-espace/")
    for number in range(2, 8):
        hold(make_initiative, holder, f"Fiche {number}", commune="commune-38563")
    with CaptureQueriesContext(connection) as seven:
        response = marie.get("/mon-espace/")

    assert "Fiche 7" in response.content.decode()
    # Session, user, initiatives with communes, pending revisions, refusals, claims,
    # alerts of the account's address.
    assert len(seven) == len(one) == 7
