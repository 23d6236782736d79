"""Backups: one archive holding a dump of the database and the uploaded images.

An archive is a tar file, `carrefour-<date>T<time>Z.tar` (UTC), holding `database.dump`
(pg_dump's custom format, a consistent snapshot) and `media/` (MEDIA_ROOT).
pg_dump, pg_restore and psql come from the PostgreSQL bin folder matching the
server; they read the connection from the environment, so that the password
appears on no command line.
"""

import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

PREFIX = "carrefour-"
SUFFIX = ".tar"
DUMP = "database.dump"
MEDIA = "media"
EMAIL_ADDRESS = re.compile(r"[^\s<>@'\"]+@[^\s<>@'\"]+")

# Tables of a database, those of extensions (PostGIS's spatial_ref_sys) aside.
USER_TABLES = """
SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg_toast%'
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend d
    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
  )
"""


class BackupError(Exception):
    """A backup or a restore that could not be done; the message says why, in French."""


def create_backup(directory, keep):
    """Writes an archive of the database and MEDIA_ROOT in `directory`, then
    deletes all but the `keep` newest archives; returns (archive, deleted ones).

    The archive appears under its final name only once complete, and on disk.
    """
    directory = Path(directory)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    # In UTC, so that names sort by date whatever the clocks do.
    archive = directory / f"{PREFIX}{timezone.now():%Y-%m-%dT%H%M%SZ}{SUFFIX}"
    if archive.exists():
        raise BackupError(_("La sauvegarde %(path)s existe déjà.") % {"path": archive})
    with tempfile.TemporaryDirectory(dir=directory, prefix=".en-cours-") as work:
        dump = Path(work) / DUMP
        run(
            [program("pg_dump"), "--format=custom", f"--file={dump}"],
            failure=_("La sauvegarde de la base a échoué"),
        )
        partial = Path(work) / archive.name
        with open(partial, "wb") as file:
            os.fchmod(file.fileno(), 0o600)
            with tarfile.open(fileobj=file, mode="w") as tar:
                tar.add(dump, arcname=DUMP)
                # Images come after the dump: an image the dump names was there
                # before it, and images are only ever added or deleted, never changed.
                if Path(settings.MEDIA_ROOT).is_dir():
                    tar.add(settings.MEDIA_ROOT, arcname=MEDIA)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, archive)
    folder = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
    return archive, prune(directory, keep)


def prune(directory, keep):
    """Deletes all but the `keep` newest archives (by the date in their name)."""
    archives = sorted(Path(directory).glob(f"{PREFIX}[0-9]*Z{SUFFIX}"), reverse=True)
    pruned = archives[max(keep, 1) :]
    for archive in pruned:
        archive.unlink()
    return pruned


def restore_backup(path, *, database_name=None, replace=False):
    """Restores an archive into the configured database (or `database_name` on
    the same server), which must be empty unless `replace`; then its images
    into MEDIA_ROOT. Changes nothing when the archive cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("Le fichier %(path)s n’existe pas.") % {"path": path})
    database = database_name or connection.settings_dict["NAME"]
    with tempfile.TemporaryDirectory(prefix="carrefour-restauration-") as work:
        work = Path(work)
        extract(path, work)
        dump, contents, sql = work / DUMP, work / "contents.list", work / "database.sql"
        listed = run([program("pg_restore"), "--list", str(dump)], failure=unreadable(path))
        contents.write_text(without_postgis_data(listed))
        # Reading the whole dump checks it before the database is touched.
        run(
            [program("pg_restore"), "--no-owner", "--no-privileges", "--no-comments"]
            + [f"--use-list={contents}", f"--file={sql}", str(dump)],
            failure=unreadable(path),
        )
        tables = count_user_tables(database)
        if tables and not replace:
            raise BackupError(
                ngettext(
                    "La base %(database)s n’est pas vide (%(tables)s table) : rien n’a été "
                    "restauré. Restaurez dans une base vide, ou remplacez son contenu avec "
                    "--replace.",
                    "La base %(database)s n’est pas vide (%(tables)s tables) : rien n’a été "
                    "restauré. Restaurez dans une base vide, ou remplacez son contenu avec "
                    "--replace.",
                    tables,
                )
                % {"database": database, "tables": tables}
            )
        restore_database(sql, database, replace=replace)
        if (work / MEDIA).is_dir():
            shutil.copytree(work / MEDIA, settings.MEDIA_ROOT, dirs_exist_ok=True)


def without_postgis_data(listed):
    """The contents of a dump but the rows of PostGIS's spatial_ref_sys, which
    its extension creates and only its owner may write (none are the portal's)."""
    return "\n".join(
        line
        for line in listed.splitlines()
        if not ("TABLE DATA" in line and " spatial_ref_sys " in line)
    )


def extract(path, work):
    try:
        with tarfile.open(path) as tar:
            names = tar.getnames()
            if DUMP not in names:
                raise BackupError(unreadable(path))
            members = [m for m in tar.getmembers() if m.name == DUMP or is_media(m.name)]
            tar.extractall(work, members=members, filter="data")
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(unreadable(path)) from error


def is_media(name):
    return name == MEDIA or name.startswith(f"{MEDIA}/")


def unreadable(path):
    return _("%(path)s n’est pas une sauvegarde de Carrefour lisible (fichier abîmé ?)") % {
        "path": path
    }


def restore_database(sql, database, *, replace):
    """Runs the SQL of the dump in one transaction: all of it, or nothing."""
    statements = ["-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"] if replace else []
    result = subprocess.run(
        [program("psql"), "--no-psqlrc", "--quiet", "--single-transaction"]
        + ["--set=ON_ERROR_STOP=1", *statements, f"--file={sql}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=connection_env(database),
    )
    if result.returncode:
        raise BackupError(
            _("La restauration a échoué, la base %(database)s est inchangée : %(error)s")
            % {"database": database, "error": first_error(result.stderr)}
        )


def count_user_tables(database):
    try:
        with psycopg.connect(**connection_params(database), connect_timeout=10) as target:
            return target.execute(USER_TABLES).fetchone()[0]
    except psycopg.OperationalError as error:
        raise BackupError(
            _("Impossible de se connecter à la base %(database)s : %(error)s")
            % {"database": database, "error": first_error(str(error).encode())}
        ) from error


def connection_params(database=None):
    db = connection.settings_dict
    params = {
        "host": db["HOST"],
        "port": db["PORT"],
        "user": db["USER"],
        "password": db["PASSWORD"],
        "dbname": database or db["NAME"],
        "sslmode": db.get("OPTIONS", {}).get("sslmode"),
    }
    return {key: str(value) for key, value in params.items() if value}


def connection_env(database=None):
    """The environment of a PostgreSQL program: the connection, password included."""
    names = {
        "host": "PGHOST",
        "port": "PGPORT",
        "user": "PGUSER",
        "password": "PGPASSWORD",
        "dbname": "PGDATABASE",
        "sslmode": "PGSSLMODE",
    }
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env.update({names[key]: value for key, value in connection_params(database).items()})
    return env


def program(name):
    """pg_dump, pg_restore or psql, of a version the server accepts.

    POSTGRES_BIN_DIR when set; else the oldest /usr/lib/postgresql/<major>/bin
    at least as recent as the server (pg_dump refuses newer servers).
    """
    if settings.POSTGRES_BIN_DIR:
        return str(Path(settings.POSTGRES_BIN_DIR) / name)
    connection.ensure_connection()
    server = connection.pg_version // 10000
    installed = sorted(
        int(folder.name)
        for folder in Path("/usr/lib/postgresql").glob("*")
        if folder.name.isdigit() and (folder / "bin" / name).exists()
    )
    suitable = [major for major in installed if major >= server]
    if not suitable:
        raise BackupError(
            _(
                "Aucun %(name)s de version %(major)s ou plus récente : installez "
                "postgresql-client-%(major)s, ou indiquez son dossier dans POSTGRES_BIN_DIR."
            )
            % {"name": name, "major": server}
        )
    return f"/usr/lib/postgresql/{suitable[0]}/bin/{name}"


def run(command, *, failure):
    result = subprocess.run(command, capture_output=True, env=connection_env())
    if result.returncode:
        raise BackupError(f"{failure} : {first_error(result.stderr)}")
    return result.stdout.decode()


def first_error(stderr):
    """The first line of an error, without the data a failed statement may quote."""
    lines = stderr.decode(errors="replace").strip().splitlines() or ["?"]
    errors = [line for line in lines if "ERROR" in line or "FATAL" in line or "error" in line]
    # psql names the temporary file and line: of no use to the operator.
    error = re.sub(r"^psql:\S*:\d+: ", "", (errors or lines)[0])
    return EMAIL_ADDRESS.sub("[adresse]", error)[:500]
