"""The deployment checklist in the production environment the README documents."""

import os
import re
import secrets
import subprocess
import sys

from django.conf import settings


def documented_environment():
    """The variables the README's "Running in production" exports, with real
    values where it writes "…"."""
    readme = (settings.BASE_DIR / "README.md").read_text()
    section = readme.split("## Running in production", 1)[1]
    exports = re.search(r"export (.*?)\n\S*\.venv", section, re.DOTALL).group(1)
    variables = dict(re.findall(r"(\w+)=(\S+)", exports))
    variables["SECRET_KEY"] = secrets.token_urlsafe(50)
    # The test database server stands for the production one.
    variables["DATABASE_URL"] = os.environ["DATABASE_URL"]
    assert variables["DEBUG"] == "0"
    return variables


def test_check_deploy_passes_without_a_warning_in_production():
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "SECURE_"))
    }
    run = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={**inherited, **documented_environment()},
        capture_output=True,
        text=True,
    )

    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "System check identified no issues" in output
