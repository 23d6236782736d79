"""Error pages: in French, in the site's layout, and without the database when it is away."""

import pytest
from django.db import connection


def assert_in_the_layout(html):
    assert '<html lang="fr">' in html
    assert "Rechercher une initiative" in html
    assert "les innovations sociales en France" in html


@pytest.mark.django_db
def test_an_unknown_page_answers_a_french_404_in_the_layout(visitor):
    response = visitor.get("/nulle-part/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_in_the_layout(html)
    assert "Cette page n’existe pas" in html
    assert "Not Found" not in html


@pytest.mark.django_db
@pytest.mark.urls("tests.error_urls")
def test_a_defect_answers_a_french_500_that_needs_no_database(visitor, django_assert_num_queries):
    visitor.raise_request_exception = False
    with django_assert_num_queries(0):
        response = visitor.get("/panne/")
    assert response.status_code == 500
    html = response.content.decode()
    assert_in_the_layout(html)
    assert "Une erreur est survenue" in html
    assert "Server Error" not in html


def test_pages_answer_a_french_503_while_the_database_is_away(client, database_down):
    client.raise_request_exception = False
    for url in ("/", "/initiatives/", "/initiatives/une-fiche/"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert response["Retry-After"] == "30"
        html = response.content.decode()
        assert_in_the_layout(html)
        assert "Le site revient dans un instant" in html
        assert "Server Error" not in html


def test_pages_come_back_by_themselves_with_the_database(
    client, django_db_setup, django_db_blocker
):
    client.raise_request_exception = False
    port = connection.settings_dict["PORT"]
    with django_db_blocker.unblock():
        connection.close()
        connection.settings_dict["PORT"] = "1"
        assert client.get("/").status_code == 503
        connection.settings_dict["PORT"] = port
        assert client.get("/").status_code == 200


def test_while_the_database_is_away_each_page_logs_one_warning_without_traceback(
    client, database_down, caplog
):
    client.raise_request_exception = False
    client.get("/")
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelname == "WARNING"
    assert record.getMessage() == "Service Unavailable: /"
    assert record.exc_info is None
