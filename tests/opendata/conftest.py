import pytest
from django.core.management import call_command

from tests.shared_data import module_data


@pytest.fixture(scope="module")
def demo_directory(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker):
        call_command("load_demo")
        yield


@pytest.fixture
def demo(demo_directory, db):
    """The demo directory, loaded once for the module; each test's changes are rolled back."""


@pytest.fixture
def download():
    """download(client, "/donnees/initiatives.csv?…"): the whole body of a streamed export."""

    def get(client, url):
        response = client.get(url)
        assert response.status_code == 200, response.content
        return b"".join(response.streaming_content)

    return get
