"""A moderator's morning in the admin: what waits, in French, without surprises."""

import pytest

from moderation.models import Action, Claim, Report
from outbox.models import Email
from submissions.models import Revision
from submissions.proposals import proposal_from_initiative
from tests.queries import count_queries
from tests.submissions.formdata import initiative_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def wimoov(make_initiative):
    return make_initiative("Wimoov", commune="commune-75056", description="En ligne.")


def waiting(make_initiative, wimoov, holder, number, start=0):
    """`number` of each thing a moderator decides on, and as many failed emails."""
    for index in range(start, start + number):
        make_initiative(f"Proposée {index}", status="pending")
        edited = make_initiative(f"Modifiée {index}")
        Revision.objects.create(initiative=edited, author=holder, data={})
        Claim.objects.create(initiative=edited, user=holder, role="r", message="m")
        Report.objects.create(initiative=wimoov, reason="erreur", client=f"c{index}")
        Email.objects.create(kind="test", to="x@example.org", subject="s", body="b",
                             status=Email.Status.FAILED)  # fmt: skip
    # Decided or sent already: not waiting.
    Report.objects.create(initiative=wimoov, reason="erreur", client="done", status="resolved")
    Email.objects.create(kind="test", to="x@example.org", subject="s", body="b", status="sent")


def test_the_admin_index_says_what_waits_for_a_decision(
    moderator_client, make_initiative, wimoov, holder, other_holder
):
    waiting(make_initiative, wimoov, holder, 2)

    html = moderator_client.get("/admin/").content.decode()

    assert "Carrefour — modération" in html
    assert "Administration de Django" not in html and "Site d’administration" not in html
    assert "2 fiches à relire" in html
    assert "2 modifications proposées" in html
    assert "2 revendications" in html
    assert "2 signalements à traiter" in html
    assert "2 courriels en échec" in html
    assert 'href="/admin/moderation/report/"' in html


def test_the_admin_index_costs_the_same_queries_whatever_waits(
    moderator_client, make_initiative, wimoov, holder
):
    waiting(make_initiative, wimoov, holder, 1)
    one = count_queries(moderator_client, "/admin/", warm=True)
    waiting(make_initiative, wimoov, holder, 3, start=1)

    # The session, the user, the user's permissions and groups' permissions, and
    # one query counting everything that waits.
    assert count_queries(moderator_client, "/admin/", warm=True) == one


@pytest.mark.parametrize("queue", ["submission", "revision", "report"])
def test_detail_pages_show_no_untranslated_placeholder(
    client, admin_user, make_initiative, wimoov, holder, queue
):
    pending = make_initiative("Proposée", status="pending")
    objects = {
        "submission": pending,
        "revision": Revision.objects.create(
            initiative=wimoov, author=holder, data=proposal_from_initiative(wimoov)
        ),
        "report": Report.objects.create(initiative=wimoov, reason="erreur", client="c"),
    }
    client.force_login(admin_user)

    html = client.get(f"/admin/moderation/{queue}/{objects[queue].pk}/change/").content.decode()

    assert "%(" not in html
    assert "sélectionnés" not in html


def test_the_moderation_log_names_its_columns_in_french(client, admin_user, wimoov):
    Action.objects.create(initiative=wimoov, moderator=admin_user, kind="approve")
    client.force_login(admin_user)

    html = client.get("/admin/moderation/action/").content.decode()

    head = html.split("<thead>")[1].split("</thead>")[0]
    assert "<span>Subject</span>" not in head
    assert "<span>Objet</span>" in head


def test_reporting_an_error_offers_only_real_reasons(visitor, wimoov):
    html = visitor.get("/initiatives/wimoov/signaler/").content.decode()

    assert "---------" not in html
    assert 'value=""' not in html.split('name="reason"')[0].rsplit("<fieldset", 1)[-1]
    assert "une information est fausse" in html


EDIT = "/mon-espace/fiches/cantine-des-voironnais/"


@pytest.fixture
def published(make_initiative, make_actor, holder):
    initiative = make_initiative(
        "Cantine des Voironnais",
        summary="Une cantine partagée.",
        description="Première ligne.\nSeconde ligne.",
        commune="commune-38563",
        themes=["mobilite"],
        carrier=make_actor("Association Cantine des Voironnais", kind="structure"),
        contact_name="Camille Martin",
        contact_email="camille@example.org",
    )
    initiative.holders.add(holder)
    return initiative


def test_line_endings_from_the_browser_are_not_a_change(marie, moderator_client, published):
    data = initiative_form(
        summary="Une cantine partagée.",
        description="Première ligne.  \r\nSeconde ligne.\r\n",
        innovation="Une gouvernance partagée.\r\nAvec les habitants.",
    )
    marie.post(EDIT, data)

    revision = Revision.objects.get()
    assert revision.data["description"] == "Première ligne.\nSeconde ligne."
    assert revision.data["innovation"] == "Une gouvernance partagée.\nAvec les habitants."
    html = moderator_client.get(f"/admin/moderation/revision/{revision.pk}/change/")
    changes = html.content.decode().split("moderation-table")[1].split("</table>")[0]
    assert "Avec les habitants." in changes
    assert "Seconde ligne" not in changes, "the description did not change"


def test_a_revision_stored_with_windows_line_endings_shows_no_false_change(
    moderator_client, published, holder
):
    data = {
        "description": "Première ligne.\r\nSeconde ligne.",
    }
    revision = Revision.objects.create(
        initiative=published, author=holder, data={**proposal_from_initiative(published), **data}
    )

    html = moderator_client.get(f"/admin/moderation/revision/{revision.pk}/change/")

    assert "aucune différence avec la fiche en ligne" in html.content.decode()


@pytest.fixture
def seeded(make_initiative, holder):
    """A fiche from the seeds: no carrier, no contact, given to its holder."""
    initiative = make_initiative(
        "Cantine des Voironnais",
        summary="Une cantine partagée.",
        description="Importée.",
        commune="commune-38563",
        themes=["mobilite"],
        source_name="Avise",
    )
    initiative.holders.add(holder)
    return initiative


def test_a_holder_of_a_seeded_fiche_is_told_what_to_complete_before_editing(marie, seeded):
    html = marie.get(EDIT).content.decode()

    assert "Avant d’envoyer une modification, complétez" in html
    summary = html.split("Avant d’envoyer une modification, complétez")[1].split("</div>")[0]
    assert 'href="#id_carrier"' in summary and 'href="#id_contact_email"' in summary


def test_a_holder_of_a_seeded_fiche_keeps_what_they_typed_and_sees_each_missing_field(
    marie, seeded
):
    data = initiative_form(
        summary="Une cantine partagée.",
        description="Ma nouvelle description.",
        carrier="",
        contact_name="",
        contact_email="",
    )

    response = marie.post(EDIT, data)

    assert response.status_code == 200
    html = response.content.decode()
    top = html.split("La fiche n’est pas enregistrée")[1].split("</div>")[0]
    for anchor, label in [
        ("id_carrier", "Structure porteuse"),
        ("id_contact_name", "personne à contacter"),
        ("id_contact_email", "email de contact"),
    ]:
        assert f'href="#{anchor}"' in top
        assert label.lower() in top.lower()
    assert "Ma nouvelle description." in html
    assert not Revision.objects.exists()
