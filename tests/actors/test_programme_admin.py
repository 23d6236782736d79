"""Moderators manage programmes and their calls in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from actors.models import Programme
from moderation.models import MODERATORS_GROUP

pytestmark = pytest.mark.django_db

ADD = "/admin/actors/programme/add/"


@pytest.fixture
def moderator_client(moderator):
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    browser = Client()
    browser.force_login(moderator)
    return browser


def form_data(actor, territory, **changes):
    data = {
        "name": "Fonds d’Innovation Sociale (FISO)",
        "slug": "fiso",
        "actors": [actor.pk],
        "kind": "pret",
        "summary": "Un prêt à taux zéro.",
        "offer": "",
        "description": "",
        "amount_min": "30000",
        "amount_max": "100000",
        "rate": "0",
        "duration_months": "",
        "website": "bpifrance.fr",
        "territories": [territory.pk],
        "stages": ["experimentation", "consolidation"],
        "structure_types": ["association"],
        "conditions": "",
        "is_published": "on",
        "calls-TOTAL_FORMS": "1",
        "calls-INITIAL_FORMS": "0",
        "calls-MIN_NUM_FORMS": "0",
        "calls-MAX_NUM_FORMS": "1000",
        "calls-0-name": "Appel 2027",
        "calls-0-opens_on": "2027-01-04",
        "calls-0-closes_on": "2027-03-31",
        "calls-0-website": "",
        "calls-0-description": "",
    }
    data.update(changes)
    return data


def test_a_moderator_adds_a_programme_with_its_eligibility_and_a_call(
    moderator_client, make_actor, territory
):
    bpifrance = make_actor("Bpifrance", kind="banque")

    response = moderator_client.post(ADD, form_data(bpifrance, territory("region-84")))

    assert response.status_code == 302
    fiso = Programme.objects.get(slug="fiso")
    assert list(fiso.actors.all()) == [bpifrance]
    assert fiso.stages == ["experimentation", "consolidation"]
    assert fiso.structure_types == ["association"]
    assert fiso.website == "https://bpifrance.fr"
    assert [(c.name, str(c.closes_on)) for c in fiso.calls.all()] == [("Appel 2027", "2027-03-31")]
    assert [programme.slug for programme in bpifrance.programmes.all()] == ["fiso"]


def test_reversed_amounts_and_call_dates_are_refused_in_french(
    moderator_client, make_actor, territory
):
    bpifrance = make_actor("Bpifrance", kind="banque")
    data = form_data(
        bpifrance,
        territory("region-84"),
        amount_min="100000",
        amount_max="30000",
        **{"calls-0-opens_on": "2027-04-01"},
    )

    response = moderator_client.post(ADD, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Le montant maximum doit être supérieur ou égal au minimum." in html
    assert "L’appel doit ouvrir avant sa clôture." in html
    assert not Programme.objects.exists()
