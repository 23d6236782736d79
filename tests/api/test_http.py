"""What every address of /api/v1/ does: GET only, open CORS, ETag and 304,
the rate limit, French errors, the OpenAPI document and its documentation page."""

import pytest

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/api/v1/initiatives/",
    "/api/v1/acteurs/",
    "/api/v1/territoires/",
    "/api/v1/thematiques/",
    "/api/v1/publics/",
    "/api/v1/sources/",
    "/api/v1/openapi.json",
]


@pytest.mark.parametrize("url", ADDRESSES)
def test_any_site_may_read_the_api(visitor, url):
    response = visitor.get(url, HTTP_ORIGIN="https://partenaire.example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_errors_are_readable_by_other_sites_too(visitor):
    response = visitor.get("/api/v1/initiatives/inconnue/")
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_get_is_allowed(visitor, method):
    response = getattr(visitor, method)("/api/v1/initiatives/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, OPTIONS"
    assert response.json()["erreur"].startswith("L’API est en lecture seule")


def test_a_preflight_is_answered(visitor):
    response = visitor.options("/api/v1/initiatives/", HTTP_ORIGIN="https://partenaire.example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET"


def test_an_unchanged_answer_is_not_sent_again(visitor, make_initiative):
    make_initiative("Wimoov", themes=["mobilite"], commune="commune-38563")
    first = visitor.get("/api/v1/initiatives/")
    etag = first["ETag"]
    again = visitor.get("/api/v1/initiatives/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"


def test_a_changed_answer_gets_a_new_etag(visitor, make_initiative):
    make_initiative("Wimoov", themes=["mobilite"], commune="commune-38563")
    etag = visitor.get("/api/v1/initiatives/")["ETag"]
    make_initiative("Vélo grenoblois", themes=["mobilite"], commune="commune-38185")
    response = visitor.get("/api/v1/initiatives/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert len(response.json()["resultats"]) == 2


def test_a_client_past_its_limit_waits(visitor, settings):
    settings.API_REQUESTS_PER_CLIENT_MINUTE = 3
    statuses = [visitor.get("/api/v1/publics/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = visitor.get("/api/v1/thematiques/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 61
    assert response.json()["erreur"].startswith("Trop de requêtes")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_other_clients_are_not_held_back(visitor, settings):
    settings.API_REQUESTS_PER_CLIENT_MINUTE = 1
    visitor.get("/api/v1/publics/")
    assert visitor.get("/api/v1/publics/").status_code == 429
    other = visitor.get("/api/v1/publics/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_control_characters_get_a_french_json_error(visitor):
    response = visitor.get("/api/v1/initiatives/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert response.json()["erreur"]


def test_the_openapi_document_describes_every_operation(visitor):
    spec = visitor.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {
        "/api/v1/initiatives/",
        "/api/v1/initiatives/{slug}/",
        "/api/v1/acteurs/",
        "/api/v1/acteurs/{slug}/",
        "/api/v1/programmes/",
        "/api/v1/programmes/{slug}/",
        "/api/v1/territoires/",
        "/api/v1/territoires/{cle}/",
        "/api/v1/territoires/{cle}/synthese/",
        "/api/v1/thematiques/",
        "/api/v1/publics/",
        "/api/v1/sources/",
    }
    parameters = {p["name"] for p in spec["paths"]["/api/v1/initiatives/"]["get"]["parameters"]}
    assert {
        "q",
        "thematique",
        "public",
        "territoire",
        "label",
        "etape",
        "structure",
        "acteur",
        "source",
        "pres_de",
        "rayon",
        "tri",
        "page",
        "par_page",
    } == parameters


def test_the_documentation_page_lists_the_operations_without_any_script(visitor):
    response = visitor.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "GET /api/v1/initiatives/{slug}/" in html
    assert "<code>thematique</code>" in html
    assert "InitiativeDetail" in html
    assert "<script" not in html.split("</main>")[0].split("<main")[-1]
    assert "script-src 'self'" in response["Content-Security-Policy"]
