"""Images nothing uses any more: replaced or removed ones are deleted at once,
those left behind by abandoned forms after a day."""

import io
import os
import re
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from initiatives.models import Initiative
from submissions.models import Revision
from submissions.uploads import upload_forget
from tests.submissions.formdata import draft_form
from tests.submissions.test_images import jpeg_with_gps

pytestmark = pytest.mark.django_db

TWO_DAYS = 2 * 24 * 3600


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def stored(name, age_seconds=0):
    name = default_storage.save(f"initiatives/{name}", ContentFile(b"image"))
    moment = time.time() - age_seconds
    os.utime(default_storage.path(name), (moment, moment))
    return name


def test_only_old_images_that_nothing_uses_are_deleted(make_initiative, holder):
    on_fiche = stored("fiche.jpg", TWO_DAYS)
    make_initiative("Wimoov", image=on_fiche)
    in_edit = stored("modification.jpg", TWO_DAYS)
    edited = make_initiative("Cantine")
    Revision.objects.create(initiative=edited, author=holder, data={"image": in_edit})
    abandoned = stored("abandonnee.jpg", TWO_DAYS)
    being_typed = stored("en-cours.jpg")
    out = io.StringIO()

    call_command("purge_uploads", stdout=out)

    assert "1 image(s) inutilisée(s) effacée(s)" in out.getvalue()
    assert not default_storage.exists(abandoned)
    for name in (on_fiche, in_edit, being_typed):
        assert default_storage.exists(name), name
    call_command("purge_uploads", stdout=out)
    assert "0 image(s)" in out.getvalue()


def test_without_any_upload_there_is_nothing_to_do(db):
    out = io.StringIO()
    call_command("purge_uploads", stdout=out)
    assert "0 image(s)" in out.getvalue()


def an_image(name="logo.jpg"):
    return SimpleUploadedFile(name, jpeg_with_gps(), "image/jpeg")


@pytest.fixture
def draft_with_image(marie, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        marie.post("/proposer/", {**draft_form("Cantine"), "image": an_image()})
    return Initiative.objects.get()


def test_an_image_replaced_on_a_draft_is_deleted_at_once(
    marie, draft_with_image, django_capture_on_commit_callbacks
):
    first = draft_with_image.image.name

    with django_capture_on_commit_callbacks(execute=True):
        marie.post("/mon-espace/fiches/cantine/", {**draft_form("Cantine"), "image": an_image()})

    draft_with_image.refresh_from_db()
    assert draft_with_image.image.name != first
    assert default_storage.exists(draft_with_image.image.name)
    assert not default_storage.exists(first)


def test_an_image_removed_from_a_draft_is_deleted_at_once(
    marie, draft_with_image, django_capture_on_commit_callbacks
):
    first = draft_with_image.image.name

    with django_capture_on_commit_callbacks(execute=True):
        marie.post("/mon-espace/fiches/cantine/", {**draft_form("Cantine"), "image-clear": "on"})

    draft_with_image.refresh_from_db()
    assert draft_with_image.image.name == ""
    assert not default_storage.exists(first)


def test_an_image_chosen_again_after_a_form_error_replaces_the_first(
    marie, django_capture_on_commit_callbacks
):
    first = marie.post("/proposer/", {**draft_form(""), "image": an_image("a.jpg")})
    token = re.search(r'name="kept_image" value="([^"]+)"', first.content.decode())[1]
    [first_name] = default_storage.listdir("initiatives")[1]

    with django_capture_on_commit_callbacks(execute=True):
        again = {**draft_form(""), "kept_image": token, "image": an_image("b.jpg")}
        marie.post("/proposer/", again)

    [second_name] = default_storage.listdir("initiatives")[1]
    assert second_name != first_name


def test_an_image_a_pending_edit_names_is_not_deleted(
    make_initiative, holder, django_capture_on_commit_callbacks
):
    in_edit = stored("modification.jpg")
    Revision.objects.create(
        initiative=make_initiative("Cantine"), author=holder, data={"image": in_edit}
    )

    with django_capture_on_commit_callbacks(execute=True):
        upload_forget(in_edit)

    assert default_storage.exists(in_edit)


def test_the_image_of_an_approved_edit_replaced_since_is_purged(make_initiative, holder):
    approved = stored("approuvee.jpg", TWO_DAYS)
    current = stored("actuelle.jpg", TWO_DAYS)
    fiche = make_initiative("Cantine", image=current)
    Revision.objects.create(
        initiative=fiche,
        author=holder,
        data={"image": approved},
        status=Revision.Status.APPROVED,
    )

    call_command("purge_uploads", stdout=io.StringIO())

    assert not default_storage.exists(approved)
    assert default_storage.exists(current)
