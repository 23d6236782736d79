"""Addresses carrying control characters: a French 400, never a 500.

PostgreSQL refuses a NUL character in any string, so a NUL byte typed in a
parameter used to reach the database and answer 500.
"""

import pytest
from django.test import RequestFactory

from carrefour.query_params import typed_text

pytestmark = pytest.mark.django_db

SUGGESTIONS = ["/territoires/suggestions/", "/territoires/suggestions/communes/"]


@pytest.mark.parametrize("url", [*SUGGESTIONS, "/proposer/acteurs/"])
def test_a_nul_byte_in_an_autocomplete_is_refused_in_french(visitor, url):
    response = visitor.get(url, {"q": "Voi\x00ron"})

    assert response.status_code == 400
    assert "caractères de contrôle" in response.content.decode()


def test_a_nul_byte_in_any_search_parameter_is_refused(visitor):
    response = visitor.get("/initiatives/", {"territoire": "Voiron\x00"})

    assert response.status_code == 400


def test_a_nul_byte_in_a_parameter_name_is_refused(visitor):
    assert visitor.get("/initiatives/?q\x00=velo").status_code == 400


def test_a_nul_byte_in_the_path_is_refused(visitor):
    assert visitor.get("/territoires/commune-38563\x00/").status_code == 400


def test_other_control_characters_are_refused_too(visitor):
    assert visitor.get("/initiatives/", {"q": "velo\x1b[31m"}).status_code == 400


def test_tabs_and_line_breaks_are_ordinary_spaces(visitor):
    results = visitor.get("/territoires/suggestions/", {"q": "\tVoiron\r\n"}).json()["results"]

    assert results[0]["label"] == "Voiron (38500)"


def test_typed_text_drops_control_characters_whatever_the_middleware_did():
    request = RequestFactory().get("/", {"q": "  Voi\x00ron \x07 (38500) "})

    assert typed_text(request, max_length=100) == "Voi ron (38500)"
    assert typed_text(request, max_length=3) == "Voi"
