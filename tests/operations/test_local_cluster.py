"""The project-local cluster (scripts/database) starts wherever the checkout is.

As a newcomer's first `make test` would: scripts/database is copied into a
fresh private folder (mode 700, as `mktemp -d` or root's home), then started,
as root and as an ordinary user. Root runs the cluster as `postgres`, which
cannot enter such a folder. Every cluster is removed after its test, even a
failed one.
"""

import os
import pwd
import socket
import subprocess

import psycopg
import pytest

from tests.operations.clusters import IS_ROOT, Checkout, pg_ctl

# Created for these tests when root has no ordinary user to lend them, removed after.
THROWAWAY_USER = "carrefour-essai"
# What scripts/database appended to postgresql.conf before carrefour.conf.
OLD_SETTINGS = "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"


def settings_of(url):
    with psycopg.connect(url, connect_timeout=10) as connection:
        return connection.execute(
            "SELECT current_database(), current_setting('fsync'), "
            "current_setting('full_page_writes'), current_setting('synchronous_commit')"
        ).fetchone()


def refuses_connections(url):
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.OperationalError:
        return True
    return False


@pytest.fixture
def make_checkout():
    checkouts = []

    def make(user=None):
        checkout = Checkout(user)
        checkouts.append(checkout)
        return checkout

    yield make
    for checkout in checkouts:
        checkout.remove()


@pytest.fixture(scope="module")
def ordinary_user():
    """The name of an ordinary user for runuser (None when the tests run as one)."""
    if not IS_ROOT:
        yield None
        return
    try:
        pwd.getpwnam(THROWAWAY_USER)
        created = False
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin"]
            + [THROWAWAY_USER],
            check=True,
        )
        created = True
    yield THROWAWAY_USER
    if created:
        # Fails (and the user stays, reused next time) only while another run
        # of these tests, from another checkout, still has a cluster as that user.
        subprocess.run(["userdel", THROWAWAY_USER], check=False)


@pytest.mark.skipif(not IS_ROOT, reason="only root can start the cluster as root")
def test_root_starts_a_cluster_for_a_checkout_postgres_cannot_enter(make_checkout):
    checkout = make_checkout()

    checkout.database("start")

    url = checkout.url()
    assert settings_of(url) == ("carrefour", "on", "on", "on")
    data = checkout.data()
    assert not data.is_relative_to(checkout.folder)
    assert data.owner() == "postgres"
    assert (checkout.path / "var" / "postgres" / "datadir").read_text().strip() == str(data)
    assert (data / "server.log").exists()

    checkout.database("stop")
    assert refuses_connections(url)
    checkout.database("start")
    assert checkout.url() == url
    assert settings_of(url)[0] == "carrefour"

    checkout.database("remove")
    assert refuses_connections(url)
    assert not data.exists()
    assert not (checkout.path / "var" / "postgres").exists()


def test_an_ordinary_user_starts_a_cluster_in_a_private_checkout(make_checkout, ordinary_user):
    checkout = make_checkout(ordinary_user)

    checkout.database("start")

    url = checkout.url()
    assert settings_of(url) == ("carrefour", "on", "on", "on")
    data = checkout.data()
    assert data == checkout.path / "var" / "postgres" / "data"
    assert data.owner() == (ordinary_user or pwd.getpwuid(os.geteuid()).pw_name)

    checkout.database("stop")
    assert refuses_connections(url)


def test_two_private_checkouts_get_clusters_of_their_own(make_checkout):
    first, second = make_checkout(), make_checkout()

    first.database("start")
    second.database("start")

    assert first.data() != second.data()
    assert first.url() != second.url()
    assert settings_of(first.url())[0] == settings_of(second.url())[0] == "carrefour"


def test_a_stopped_cluster_whose_port_was_taken_starts_on_another(make_checkout):
    checkout = make_checkout()
    checkout.database("start")
    checkout.database("stop")
    port = int(checkout.url().rsplit(":", 1)[1].split("/")[0])

    # Another program (another checkout's cluster) now listens on that port.
    with socket.create_server(("127.0.0.1", port)):
        started = checkout.database("start")

    assert "déjà pris" in started.stdout
    url = checkout.url()
    assert f":{port}/" not in url
    assert settings_of(url)[0] == "carrefour"


def test_start_makes_a_cluster_of_an_older_script_durable(make_checkout):
    checkout = make_checkout()
    checkout.database("start")
    checkout.database("stop")
    url, data = checkout.url(), checkout.data()
    conf = data / "postgresql.conf"
    # A cluster running with what older versions appended to postgresql.conf.
    port = url.rsplit(":", 1)[1].split("/")[0]
    older = conf.read_text().replace("include = 'carrefour.conf'\n", "")
    older += f"listen_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = ''\n"
    older += OLD_SETTINGS
    checkout.as_owner("sh", "-c", f"cat > '{conf}' <<'CONF'\n{older}CONF")
    checkout.as_owner("rm", str(data / "carrefour.conf"))
    checkout.as_owner(pg_ctl(), "-D", str(data), "-l", str(data / "server.log"), "-w", "start")
    assert settings_of(url)[1:] == ("off", "off", "off")

    checkout.database("start")

    assert settings_of(url)[1:] == ("on", "on", "on")
    assert "fsync = off" not in conf.read_text()
    checkout.database("stop")
    checkout.database("start")
    assert settings_of(url)[1:] == ("on", "on", "on")


def test_remove_never_deletes_a_folder_this_checkout_does_not_lead_to(make_checkout, tmp_path):
    checkout = make_checkout()
    precious = tmp_path / "precieux"
    (precious / "base").mkdir(parents=True)
    (checkout.path / "var" / "postgres").mkdir(parents=True)
    (checkout.path / "var" / "postgres" / "datadir").write_text(f"{precious}\n")

    result = checkout.database("remove")

    assert (precious / "base").is_dir()
    assert f"Les données de la base locale restent dans {precious}" in result.stderr
    assert not (checkout.path / "var" / "postgres").exists()
