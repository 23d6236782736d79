from datetime import date

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


def test_the_space_costs_the_same_however_many_initiatives_it_lists(
    marie, holder, make_initiative, make_programme
):
    make_programme("Fonds isérois", territories=["departement-38"], is_permanent=True)
    hold(make_initiative, holder, "Fiche 1", commune="commune-38563")
    marie.get("/mon-espace/")
    with CaptureQueriesContext(connection) as one:
        marie.get("/mon-espace/")
    for number in range(2, 8):
        hold(make_initiative, holder, f"Fiche {number}", commune="commune-38563")
        make_programme(f"Programme {number}", is_national=True)
    with CaptureQueriesContext(connection) as seven:
        response = marie.get("/mon-espace/")

    assert "Fiche 7" in response.content.decode()
    assert len(response.context["initiatives"][-1].programme_matches) == 5
    # Session, user, initiatives with communes, pending revisions, refusals,
    # the programmes supporting them, the programmes they may be eligible for,
    # claims; actors managed, requests to manage one, support links to confirm;
    # alerts of the account's address.
    assert len(seven) == len(one) == 12


def test_the_space_lists_the_programmes_each_fiche_may_be_eligible_for(
    marie, holder, make_initiative, make_programme
):
    hold(
        make_initiative,
        holder,
        "Cantine de Voiron",
        commune="commune-38563",
        stage="ideation",
        status="draft",
    )
    hold(make_initiative, holder, "Épicerie lyonnaise", commune="commune-69123")
    make_programme(
        "Incubateur isérois",
        territories=["departement-38"],
        stages=["ideation"],
        calls=[("Promotion 2099", None, date(2099, 3, 31))],
    )
    make_programme("Fonds parisien", territories=["departement-75"], is_permanent=True)

    html = marie.get("/mon-espace/").content.decode()

    section = html[html.index("Financements et accompagnements possibles") :]
    assert "<h3>Cantine de Voiron</h3>" in section
    assert 'href="/programmes/incubateur-iserois/"' in section
    assert "Appel ouvert jusqu’au 31 mars 2099" in section
    assert "Pourquoi : Isère (38), étape idéation" in section
    assert "Épicerie lyonnaise</h3>" not in section
    assert "Fonds parisien" not in section
