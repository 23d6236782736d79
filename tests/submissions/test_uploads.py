"""Images left behind by abandoned submission forms are deleted after a day."""

import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from moderation.models import Revision

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
