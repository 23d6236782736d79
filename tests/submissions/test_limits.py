"""Drafts and fiches sent to review, limited per account and per client."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from initiatives.models import Initiative
from outbox.models import Email
from tests.submissions.formdata import draft_form, initiative_form
from tests.submissions.test_images import jpeg_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.CLIENT_IP_HEADER = ""
    settings.DRAFTS_PER_ACCOUNT_HOUR = 3
    settings.DRAFTS_PER_CLIENT_HOUR = 100
    settings.SUBMISSIONS_PER_ACCOUNT_HOUR = 2
    settings.SUBMISSIONS_PER_CLIENT_HOUR = 100
    return settings


def logged_in_client(email):
    client = Client()
    client.force_login(User.objects.create_user(email, email, "un mot de passe solide"))
    return client


def propose(client, name, **extra):
    return client.post("/proposer/", draft_form(name), **extra)


def test_past_the_drafts_of_an_account_in_an_hour_it_answers_429_and_stores_nothing(marie):
    for number in range(3):
        assert propose(marie, f"Brouillon {number}").status_code == 302

    response = propose(marie, "Le brouillon de trop")

    assert response.status_code == 429
    html = response.content.decode()
    assert "Trop de fiches ont été créées depuis votre compte ou votre connexion" in html
    assert 'value="Le brouillon de trop"' in html
    assert Initiative.objects.count() == 3
    assert not Initiative.objects.filter(name="Le brouillon de trop").exists()


def test_the_limit_of_one_account_leaves_other_accounts_free(marie):
    for number in range(4):
        propose(marie, f"Brouillon {number}")

    other = logged_in_client("paul@example.org")

    assert propose(other, "Le brouillon de Paul").status_code == 302


def test_drafts_from_one_client_count_together_whatever_the_accounts(limits):
    limits.DRAFTS_PER_ACCOUNT_HOUR = 100
    limits.DRAFTS_PER_CLIENT_HOUR = 2
    ipv6 = {"REMOTE_ADDR": "2001:db8:1:2::10"}
    same_network = {"REMOTE_ADDR": "2001:db8:1:2::99"}
    first, second = logged_in_client("a@example.org"), logged_in_client("b@example.org")

    assert propose(first, "Un", **ipv6).status_code == 302
    assert propose(second, "Deux", **same_network).status_code == 302
    refused = propose(first, "Trois", **same_network)
    elsewhere = propose(second, "Quatre", REMOTE_ADDR="2001:db8:9:9::1")

    assert refused.status_code == 429
    assert elsewhere.status_code == 302
    assert sorted(Initiative.objects.values_list("name", flat=True)) == ["Deux", "Quatre", "Un"]


def test_a_refused_draft_keeps_its_uploaded_image_for_the_next_try(marie, limits):
    limits.DRAFTS_PER_ACCOUNT_HOUR = 0
    image = SimpleUploadedFile("logo.jpg", jpeg_with_gps(), "image/jpeg")

    response = marie.post("/proposer/", {**draft_form("Cantine"), "image": image})

    assert response.status_code == 429
    html = response.content.decode()
    assert "Votre image est conservée" in html
    token = re.search(r'name="kept_image" value="([^"]+)"', html)[1]
    limits.DRAFTS_PER_ACCOUNT_HOUR = 3
    marie.post("/proposer/", {**draft_form("Cantine"), "kept_image": token})
    assert default_storage.exists(Initiative.objects.get().image.name)


def draft_ready_to_send(client, name):
    client.post("/proposer/", initiative_form(action="draft", name=name))
    return Initiative.objects.get(name=name)


def test_past_the_fiches_sent_to_review_in_an_hour_the_draft_stays_a_draft(marie):
    drafts = [draft_ready_to_send(marie, f"Cantine {number}") for number in range(3)]
    for draft in drafts[:2]:
        assert marie.post(f"/mon-espace/fiches/{draft.slug}/envoyer/").status_code == 302

    response = marie.post(f"/mon-espace/fiches/{drafts[2].slug}/envoyer/")

    assert response.status_code == 429
    assert "Trop de fiches ont été envoyées en relecture" in response.content.decode()
    drafts[2].refresh_from_db()
    assert drafts[2].status == Initiative.Status.DRAFT
    assert Email.objects.filter(kind="submission-received").count() == 2


def test_fiches_sent_to_review_from_one_client_count_together(marie, limits):
    limits.SUBMISSIONS_PER_ACCOUNT_HOUR = 100
    limits.SUBMISSIONS_PER_CLIENT_HOUR = 1
    paul = logged_in_client("paul@example.org")
    mine, his = draft_ready_to_send(marie, "Cantine"), draft_ready_to_send(paul, "Jardin")

    assert marie.post(f"/mon-espace/fiches/{mine.slug}/envoyer/").status_code == 302
    assert paul.post(f"/mon-espace/fiches/{his.slug}/envoyer/").status_code == 429
    his.refresh_from_db()
    assert his.status == Initiative.Status.DRAFT
