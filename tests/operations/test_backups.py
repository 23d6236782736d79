"""manage.py backup and restore: one archive of the database and the uploaded images.

pg_dump reads what is committed: the directory backed up here is committed in
the test database before the tests of this module (each runs in a transaction
of its own, as usual), and deleted after them. Restores go to a database
created on the same server for the test, dropped after it.
"""

import io
import secrets
import tarfile

import psycopg
import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection

from carrefour.backups import connection_params
from initiatives.models import Initiative
from outbox.models import Email

IMAGE = b"\xff\xd8\xff\xe0 une image de la Recyclerie"


def rows(database, query):
    with psycopg.connect(**connection_params(database)) as target:
        return target.execute(query).fetchall()


INITIATIVES = "SELECT slug, name, status, image FROM initiatives_initiative ORDER BY slug"
ACCOUNTS = "SELECT username, email, password, is_active FROM auth_user ORDER BY username"
OUTBOX = 'SELECT kind, "to", subject, body, status FROM outbox_email ORDER BY id'
TERRITORIES = "SELECT count(*) FROM territories_territory"

pytestmark = pytest.mark.django_db


@pytest.fixture
def folders(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "initiatives").mkdir(parents=True)
    (settings.MEDIA_ROOT / "initiatives" / "recyclerie.jpg").write_bytes(IMAGE)
    return settings


@pytest.fixture(scope="module")
def directory(django_db_setup, django_db_blocker):
    """Initiatives, accounts and outbox emails, committed in the test database."""
    with django_db_blocker.unblock():
        initiatives = [
            Initiative.objects.create(
                name="La Recyclerie du Grésivaudan",
                slug="recyclerie-gresivaudan",
                summary="Réemploi et ateliers de réparation.",
                status=Initiative.Status.PUBLISHED,
                image="initiatives/recyclerie.jpg",
                contact_email="prive.recyclerie@example.org",
            ),
            Initiative.objects.create(
                name="Wimoov Voiron", slug="wimoov-voiron", summary="Mobilité solidaire."
            ),
        ]
        accounts = [
            User.objects.create_user("marie@example.org", "marie@example.org", "un mot de passe"),
            User.objects.create_user("karim@example.org", "karim@example.org", is_active=False),
        ]
        emails = [
            Email.objects.create(
                kind="verification",
                to="karim@example.org",
                subject="Confirmez votre adresse",
                body="Suivez ce lien.",
            )
        ]
    yield initiatives
    with django_db_blocker.unblock():
        for obj in [*initiatives, *accounts, *emails]:
            obj.delete()


@pytest.fixture
def empty_database():
    """The name of an empty database on the test server, dropped after the test."""
    name = f"test_restauration_{secrets.token_hex(4)}"
    with psycopg.connect(**connection_params(), autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
        yield name
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def backup(folders):
    """Backs the test database up; returns the archive."""

    def make():
        call_command("backup", stdout=io.StringIO())
        return max(folders.BACKUP_DIR.glob("carrefour-*.tar"))

    return make


def restore(archive, database, **options):
    call_command("restore", str(archive), database_name=database, **options)


def test_a_restored_backup_has_the_same_initiatives_accounts_outbox_and_images(
    directory, backup, empty_database, folders, tmp_path
):
    source = connection.settings_dict["NAME"]
    archive = backup()
    folders.MEDIA_ROOT = tmp_path / "restored-media"

    restore(archive, empty_database)

    for query in [INITIATIVES, ACCOUNTS, OUTBOX, TERRITORIES]:
        assert rows(empty_database, query) == rows(source, query)
    assert ("recyclerie-gresivaudan", "La Recyclerie du Grésivaudan", "published",
            "initiatives/recyclerie.jpg") in rows(empty_database, INITIATIVES)  # fmt: skip
    assert len(rows(empty_database, ACCOUNTS)) >= 2
    assert ("verification", "karim@example.org") in [r[:2] for r in rows(empty_database, OUTBOX)]
    assert (folders.MEDIA_ROOT / "initiatives" / "recyclerie.jpg").read_bytes() == IMAGE


def test_a_backup_is_one_archive_named_after_its_date_readable_by_its_owner_only(backup):
    archive = backup()

    assert archive.name.startswith("carrefour-20") and archive.name.endswith("Z.tar")
    assert archive.stat().st_mode & 0o777 == 0o600
    with tarfile.open(archive) as tar:
        assert {"database.dump", "media/initiatives/recyclerie.jpg"} <= set(tar.getnames())
    assert [path.name for path in archive.parent.iterdir()] == [archive.name]


def test_a_backup_keeps_the_newest_archives_only(backup, folders):
    folders.BACKUP_KEEP = 3
    folders.BACKUP_DIR.mkdir()
    for day in range(1, 6):
        (folders.BACKUP_DIR / f"carrefour-2024-01-0{day}T030000Z.tar").write_bytes(b"")
    (folders.BACKUP_DIR / "notes.txt").write_text("pas une sauvegarde")

    archive = backup()

    assert sorted(path.name for path in folders.BACKUP_DIR.iterdir()) == [
        "carrefour-2024-01-04T030000Z.tar",
        "carrefour-2024-01-05T030000Z.tar",
        archive.name,
        "notes.txt",
    ]


def test_a_failed_backup_says_why_and_leaves_no_archive(folders, monkeypatch):
    connection.ensure_connection()
    monkeypatch.setitem(connection.settings_dict, "PASSWORD", "pas le bon mot de passe")

    with pytest.raises(CommandError, match="La sauvegarde de la base a échoué"):
        call_command("backup")

    assert list(folders.BACKUP_DIR.iterdir()) == []


def test_restore_refuses_a_database_that_has_data(backup, directory):
    archive = backup()
    source = connection.settings_dict["NAME"]
    before = rows(source, INITIATIVES)

    with pytest.raises(CommandError, match=f"La base {source} n’est pas vide .* rien n’a été"):
        restore(archive, source)

    assert rows(source, INITIATIVES) == before


def test_restore_replaces_a_database_that_has_data_when_asked(backup, directory, empty_database):
    archive = backup()
    restore(archive, empty_database)
    with psycopg.connect(**connection_params(empty_database)) as target:
        target.execute("UPDATE initiatives_initiative SET name = 'Changée depuis'")
        target.execute("CREATE TABLE notes (id int)")

    restore(archive, empty_database, replace=True)

    source = connection.settings_dict["NAME"]
    assert rows(empty_database, INITIATIVES) == rows(source, INITIATIVES)
    assert rows(empty_database, "SELECT to_regclass('notes')") == [(None,)]


@pytest.fixture
def owned_database(empty_database):
    """An empty database owned by a role that is not a superuser, with the
    extensions a superuser created for it, as production hosts provide."""
    role, password = f"test_proprietaire_{secrets.token_hex(4)}", secrets.token_hex(16)
    with psycopg.connect(**connection_params(), autocommit=True) as server:
        server.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        server.execute(f'ALTER DATABASE "{empty_database}" OWNER TO {role}')
        with psycopg.connect(**connection_params(empty_database)) as target:
            for extension in ["postgis", "unaccent", "pg_trgm"]:
                target.execute(f"CREATE EXTENSION {extension}")
        yield empty_database, role, password
        server.execute(f'DROP DATABASE "{empty_database}" WITH (FORCE)')
        server.execute(f"DROP ROLE {role}")


def test_the_owner_of_a_database_restores_into_it_without_being_a_superuser(
    backup, directory, owned_database, monkeypatch
):
    archive = backup()
    database, role, password = owned_database
    initiatives = rows(connection.settings_dict["NAME"], INITIATIVES)
    connection.ensure_connection()
    monkeypatch.setitem(connection.settings_dict, "USER", role)
    monkeypatch.setitem(connection.settings_dict, "PASSWORD", password)

    restore(archive, database)

    assert rows(database, INITIATIVES) == initiatives
    assert rows(database, "SELECT tableowner FROM pg_tables WHERE tablename = 'auth_user'") == [
        (role,)
    ]


def damage(archive, how):
    if how == "tronquée":
        data = archive.read_bytes()
        archive.write_bytes(data[: len(data) // 2])
    elif how == "illisible":
        archive.write_bytes(b"ceci n'est pas une archive")
    else:  # a tar whose dump is not a dump
        archive.unlink()
        with tarfile.open(archive, "w") as tar:
            dump = archive.parent / "database.dump"
            dump.write_bytes(b"PGDMP pas vraiment")
            tar.add(dump, arcname="database.dump")


@pytest.mark.parametrize("how", ["tronquée", "illisible", "dump abîmé"])
def test_restore_of_a_damaged_archive_says_so_and_changes_nothing(
    how, backup, empty_database, folders, tmp_path
):
    archive = backup()
    damage(archive, how)
    folders.MEDIA_ROOT = tmp_path / "restored-media"

    with pytest.raises(CommandError, match="n’est pas une sauvegarde de Carrefour lisible"):
        restore(archive, empty_database)

    assert rows(empty_database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [
        (0,)
    ]
    assert not folders.MEDIA_ROOT.exists()


def test_restore_of_a_missing_file_says_so(empty_database, tmp_path):
    with pytest.raises(CommandError, match="Le fichier .*absente.tar n’existe pas"):
        restore(tmp_path / "absente.tar", empty_database)
