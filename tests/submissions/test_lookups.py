"""The small JSON endpoints behind the form's actor suggestions and "Placer d'après l'adresse"."""

import io
import json

import pytest

from submissions import lookups

pytestmark = pytest.mark.django_db


def test_published_actors_are_suggested_without_accents(visitor, make_actor):
    make_actor("Région Auvergne-Rhône-Alpes")
    make_actor("Acteur caché", is_published=False)

    results = visitor.get("/proposer/acteurs/", {"q": "region"}).json()["results"]

    assert results == [{"label": "Région Auvergne-Rhône-Alpes"}]
    assert visitor.get("/proposer/acteurs/", {"q": "caché"}).json()["results"] == []


def test_an_address_is_placed_by_the_address_service(client, holder, monkeypatch):
    client.force_login(holder)
    answer = {"features": [{"geometry": {"coordinates": [5.5903, 45.3642]}}]}
    asked = []

    def urlopen(url, timeout):
        asked.append(url)
        return io.BytesIO(json.dumps(answer).encode())

    monkeypatch.setattr(lookups.urllib.request, "urlopen", urlopen)

    response = client.get("/proposer/adresse/", {"q": "12 rue Mainssieux Voiron (38500)"})

    assert response.json() == {"lat": 45.3642, "lng": 5.5903}
    assert "q=12+rue+Mainssieux+Voiron" in asked[0]


def test_an_unreachable_address_service_leaves_the_point_to_the_map(client, holder, monkeypatch):
    client.force_login(holder)

    def urlopen(url, timeout):
        raise TimeoutError("timed out")

    monkeypatch.setattr(lookups.urllib.request, "urlopen", urlopen)

    assert client.get("/proposer/adresse/", {"q": "12 rue Mainssieux"}).json() == {"lat": None}
