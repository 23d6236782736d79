"""Which database a request reads from when replicas are configured
(carrefour/replicas.py). The real layout, a primary, a streaming replica and
two servers, is tested in tests/operations/test_several_servers.py."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import connections

from carrefour import replicas
from carrefour.models import RateLimit
from initiatives.models import Initiative
from outbox.models import Email

LAG_TOLERANT = [
    "/initiatives/",
    "/initiatives/?q=mobilite&page=2",
    "/carte/donnees.geojson",
    "/api/v1/initiatives/",
    "/donnees/initiatives.csv",
    "/donnees/initiatives.atom",
    "/territoires/region-84/",
    "/en/initiatives/",
]


@pytest.fixture
def up(settings, monkeypatch):
    """Two replicas, both answering unless told."""
    settings.DATABASE_REPLICAS = ["replica1", "replica2"]
    answering = {"replica1": True, "replica2": True}
    monkeypatch.setattr(replicas, "_is_up", lambda alias: answering[alias])
    return answering


@pytest.mark.parametrize("path", LAG_TOLERANT)
def test_lists_map_data_api_exports_and_feeds_read_from_a_replica(up, rf, path):
    assert replicas.replica_for(rf.get(path)) in {"replica1", "replica2"}


def test_writes_and_private_pages_read_from_the_primary(up, rf):
    assert replicas.replica_for(rf.post("/initiatives/wimoov/contacter/")) is None
    assert replicas.replica_for(rf.get("/mon-espace/")) is None
    assert replicas.replica_for(rf.get("/admin/initiatives/initiative/")) is None
    assert replicas.replica_for(rf.get("/compte/connexion/")) is None


def test_after_a_write_the_visitor_reads_from_the_primary_for_a_few_seconds(up, client, rf):
    response = client.post("/compte/inscription/", {"email": "", "password1": ""})
    cookie = response.cookies[replicas.STICKY_COOKIE]
    assert cookie["max-age"] == django_settings.REPLICA_STICKY_SECONDS
    assert cookie["httponly"]
    request = rf.get("/initiatives/")
    request.COOKIES[replicas.STICKY_COOKIE] = cookie.value
    assert replicas.replica_for(request) is None


def test_a_replica_that_does_not_answer_is_left_alone(up, rf):
    up["replica1"] = False
    assert {replicas.replica_for(rf.get("/initiatives/")) for _ in range(20)} == {"replica2"}
    up["replica2"] = False
    assert replicas.replica_for(rf.get("/initiatives/")) is None


def test_an_unreachable_replica_is_not_tried_again_for_a_while(django_db_blocker, settings, caplog):
    settings.REPLICA_RETRY_SECONDS = 60
    closed_port = {**connections.settings["default"], "HOST": "127.0.0.1", "PORT": "1"}
    closed_port["OPTIONS"] = {"connect_timeout": 2}
    connections.settings["replica9"] = closed_port
    try:
        with django_db_blocker.unblock():
            assert replicas._is_up("replica9") is False
            assert "Replica replica9 unreachable" in caplog.text
            caplog.clear()
            # Marked down: not even a connection attempt until the delay is over.
            assert replicas._is_up("replica9") is False
            assert caplog.text == ""
    finally:
        connections["replica9"].close()
        del connections.settings["replica9"]
        replicas._down_until.pop("replica9", None)


def test_the_router_sends_directory_reads_to_the_replica_and_the_rest_to_the_primary():
    router = replicas.ReplicaRouter()
    token = replicas._reads_from.set("replica1")
    try:
        assert router.db_for_read(Initiative) == "replica1"
        for model in (Session, User, RateLimit, Email):
            assert router.db_for_read(model) is None, model
        assert router.db_for_write(Initiative) == "default"
    finally:
        replicas._reads_from.reset(token)
    assert router.db_for_read(Initiative) is None


def test_without_replicas_nothing_changes(db, client, settings):
    settings.DATABASE_REPLICAS = []
    response = client.post("/compte/inscription/", {"email": ""})
    assert replicas.STICKY_COOKIE not in response.cookies


def test_uploaded_images_can_go_to_an_s3_compatible_storage():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "carrefour.settings",
        "MEDIA_S3_BUCKET": "carrefour-images",
        "MEDIA_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud",
        "MEDIA_S3_REGION": "fr-par",
        "MEDIA_S3_CUSTOM_DOMAIN": "images.carrefour.example.org",
    }
    code = (
        "import django; django.setup()\n"
        "from django.core.files.storage import storages\n"
        "s = storages['default']\n"
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.region_name)\n"
        "print(s.url('initiatives/garage.webp'))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout.split("\n")
    assert shown[0] == "S3Storage carrefour-images https://s3.fr-par.scw.cloud fr-par"
    assert shown[1] == "https://images.carrefour.example.org/initiatives/garage.webp"
