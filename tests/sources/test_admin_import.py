"""Importing a source from the admin: upload, preview (nothing written), confirm."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from initiatives.models import Initiative
from sources.models import Source

SAMPLE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "sources" / "cis-sample.csv"
).read_bytes()


@pytest.fixture
def exports(settings, tmp_path):
    settings.SOURCE_EXPORTS_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def source(make_source):
    return make_source("Fondation des Possibles", format=Source.Format.CIS_CSV)


def preview(client, source, data=SAMPLE):
    return client.post(
        f"/admin/sources/source/{source.pk}/importer/",
        {"file": SimpleUploadedFile("export.csv", data, content_type="text/csv")},
    )


def test_the_source_page_links_to_its_import(moderator_client, source):
    page = moderator_client.get(f"/admin/sources/source/{source.pk}/change/").content.decode()
    assert f"/admin/sources/source/{source.pk}/importer/" in page


def test_the_preview_shows_the_plan_and_writes_nothing_until_confirmed(
    moderator_client, source, exports
):
    response = preview(moderator_client, source)

    page = response.content.decode()
    assert response.status_code == 200
    assert "17 créées" in page and "Wimoov" in page
    assert "ligne 12 : nom du projet manquant" in page
    assert "Confirmer l’import" in page
    assert not Initiative.objects.exists()
    token = response.context["token"]
    assert (exports / "previews" / f"{token}.bin").exists()

    confirmed = moderator_client.post(
        f"/admin/sources/source/{source.pk}/importer/confirmer/", {"token": token}
    )

    assert confirmed.status_code == 302
    assert Initiative.objects.count() == 17
    assert not (exports / "previews" / f"{token}.bin").exists()
    source.refresh_from_db()
    assert source.last_run_summary.startswith("17 créées")


def test_an_unreadable_upload_is_reported_on_the_form(moderator_client, source, exports):
    response = preview(moderator_client, source, b"\x00\x01\x02 pas un CSV")

    assert response.status_code == 200
    assert "Confirmer l’import" not in response.content.decode()
    assert response.context["form"].non_field_errors()
    assert not Initiative.objects.exists()


def test_a_forged_token_is_not_found(moderator_client, source, exports):
    response = moderator_client.post(
        f"/admin/sources/source/{source.pk}/importer/confirmer/", {"token": "../../etc/passwd"}
    )
    assert response.status_code == 404


def test_the_confirmation_needs_the_csrf_token(moderator, source, exports):
    from django.contrib.auth.models import Group

    from moderation.models import MODERATORS_GROUP

    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    response = browser.post(
        f"/admin/sources/source/{source.pk}/importer/confirmer/", {"token": "x" * 43}
    )
    assert response.status_code == 403


def test_a_visitor_cannot_import(client, source, exports):
    response = preview(client, source)
    assert response.status_code == 302
    assert not Initiative.objects.exists()


def test_refresh_sources_deletes_previews_abandoned_for_a_day(exports, db):
    import os
    import time

    from django.core.management import call_command

    from sources.importer.previews import preview_path, preview_save

    old, fresh = preview_save(b"ancien"), preview_save(b"recent")
    day_ago = time.time() - 25 * 3600
    os.utime(preview_path(old), (day_ago, day_ago))

    call_command("refresh_sources")

    assert not preview_path(old).exists()
    assert preview_path(fresh).exists()


def test_the_preview_names_the_fields_an_update_changes(moderator_client, make_source, exports):
    from sources.importer import import_run

    source = make_source("Près de chez nous", format=Source.Format.GOGOCARTO_JSON)
    element = {"id": "a", "name": "Atelier du Lac", "geo": {"latitude": 45.17, "longitude": 5.72}}
    import_run(source, json.dumps([element]).encode())

    changed = {**element, "website": "https://atelier-du-lac.example"}
    page = preview(moderator_client, source, json.dumps([changed]).encode()).content.decode()

    assert "Atelier du Lac : site web" in page
    assert Initiative.objects.get().website == ""
