"""What a worker keeps in its own memory (carrefour/kept.py): fewer queries on
the searches asked again, and every change seen at once all the same."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Programme
from carrefour import kept
from territories.models import Territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """The monotonic clock of kept.py, moved forward by hand."""
    now = [1000.0]
    monkeypatch.setattr(kept.time, "monotonic", lambda: now[0])
    return now


def test_a_value_of_the_shared_cache_is_read_once_by_a_worker(clock):
    kept.put("exemple", {"nombre": 3}, 300)
    kept.forget()  # as another worker, which never read it
    with CaptureQueriesContext(connection) as queries:
        assert kept.get("exemple") == {"nombre": 3}
        assert kept.get("exemple") == {"nombre": 3}
    assert len(queries) == 1


def test_a_copy_read_from_the_shared_cache_is_read_again_after_a_few_seconds(clock):
    kept.put("exemple", 1, 300)
    kept.forget()
    assert kept.get("exemple") == 1
    clock[0] += kept.LOCAL_SECONDS + 1
    with CaptureQueriesContext(connection) as queries:
        assert kept.get("exemple") == 1
    assert len(queries) == 1


def test_a_worker_keeps_what_it_wrote_as_long_as_the_shared_cache(clock):
    kept.put("exemple", 1, 300)
    clock[0] += 299
    with CaptureQueriesContext(connection) as queries:
        assert kept.get("exemple") == 1
    assert len(queries) == 0
    clock[0] += 2
    # Expired here; the shared cache, whose clock is real, still has it.
    with CaptureQueriesContext(connection) as queries:
        assert kept.get("exemple") == 1
    assert len(queries) == 1


def test_a_memory_keeps_the_most_recently_read_values():
    memory = kept.Memory(2)
    memory.put("a", 1, 60)
    memory.put("b", 2, 60)
    assert memory.get("a") == 1
    memory.put("c", 3, 60)
    assert (memory.get("a"), memory.get("b"), memory.get("c")) == (1, None, 3)


def test_a_programme_renamed_is_found_under_its_new_name_at_once(visitor, make_programme):
    programme = make_programme("Fonds vélo solidaire", summary="Pour aller au travail.")
    found = visitor.get("/initiatives/", {"q": "vélo"}).context["programmes"]
    assert [p.name for p in found] == ["Fonds vélo solidaire"]
    programme.name = "Fonds mobilité solidaire"
    programme.save()
    assert visitor.get("/initiatives/", {"q": "vélo"}).context["programmes"] == []
    found = visitor.get("/initiatives/", {"q": "mobilité"}).context["programmes"]
    assert [p.name for p in found] == ["Fonds mobilité solidaire"]


def test_an_unpublished_programme_leaves_the_search_at_once(visitor, make_programme):
    make_programme("Fonds vélo solidaire")
    assert visitor.get("/initiatives/", {"q": "vélo"}).context["programmes"]
    Programme.objects.filter(slug="fonds-velo-solidaire").update(is_published=False)
    assert visitor.get("/initiatives/", {"q": "vélo"}).context["programmes"] == []


def test_a_territory_renamed_shows_its_new_name_on_the_search_at_once(visitor):
    params = {"territoire": "commune-38563"}
    assert visitor.get("/initiatives/", params).context["territory"].name == "Voiron"
    Territory.objects.filter(kind="commune", code="38563").update(name="Voiron-en-Chartreuse")
    response = visitor.get("/initiatives/", params)
    assert response.context["territory"].name == "Voiron-en-Chartreuse"
    assert 'value="Voiron-en-Chartreuse"' in response.content.decode()


def test_a_place_typed_again_is_not_looked_up_again(visitor):
    params = {"territoire": "commune-38563"}
    visitor.get("/initiatives/", params)
    with CaptureQueriesContext(connection) as queries:
        visitor.get("/initiatives/", params)
    assert not any('FROM "territories_territory"' in query["sql"] for query in queries)


def test_a_word_new_to_the_directory_corrects_typos_at_once(visitor, make_initiative):
    make_initiative("Atelier vélo")
    assert visitor.get("/initiatives/", {"q": "ressourcrie"}).context["results"].total == 0
    make_initiative("Ressourcerie du Voironnais")
    names = [
        card.name
        for card in visitor.get("/initiatives/", {"q": "ressourcrie"}).context["results"].page
    ]
    assert names == ["Ressourcerie du Voironnais"]
