"""Throwaway copies of the project-local cluster (scripts/database) for the
operations tests, each in a private folder, removed after its test."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "database"
IS_ROOT = os.geteuid() == 0


class Checkout:
    """A copy of scripts/database in a private folder, owned by `user` (None: oneself)."""

    def __init__(self, user):
        self.user = user
        # An ordinary user's own folder, in /tmp: TMPDIR may be root's, closed to them.
        self.folder = Path(tempfile.mkdtemp(prefix="carrefour-", dir="/tmp" if user else None))
        self.path = self.folder / "carrefour"
        (self.path / "scripts").mkdir(parents=True)
        shutil.copy2(SCRIPT, self.path / "scripts" / "database")
        if user:
            shutil.chown(self.folder, user)
            for path in [self.path, self.path / "scripts", self.path / "scripts" / "database"]:
                shutil.chown(path, user)

    def database(self, *command, check=True):
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        return subprocess.run(
            [*prefix, "scripts/database", *command],
            cwd=self.path,
            check=check,
            capture_output=True,
            text=True,
            timeout=180,
        )

    def url(self):
        return self.database("url").stdout.strip()

    def data(self):
        return Path(self.database("where").stdout.strip())

    def as_owner(self, *command):
        """Runs a command as the owner of the cluster."""
        owner = "postgres" if IS_ROOT and not self.user else self.user
        prefix = ["runuser", "-u", owner, "--"] if owner else []
        subprocess.run([*prefix, *command], cwd="/", check=True, capture_output=True)

    def remove(self):
        """Removes the cluster and the folder, whatever state the script left them in."""
        state = self.path / "var" / "postgres"
        candidates = [state / "data"]
        if (state / "datadir").exists():
            candidates.append(Path((state / "datadir").read_text().strip()))
        self.database("remove", check=False)
        for data in candidates:
            if (data / "postmaster.pid").exists():
                owner = ["runuser", "-u", data.owner(), "--"] if IS_ROOT else []
                subprocess.run([*owner, pg_ctl(), "-D", str(data), "-m", "immediate", "stop"])
            shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(self.folder)


def pg_ctl():
    newest = max(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    return str(newest)
