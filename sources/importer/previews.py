"""Files read for an admin preview, kept until the import is confirmed, under
SOURCE_EXPORTS_ROOT/previews/ (never served), each under a random name."""

import re
import secrets
import time
from pathlib import Path

from django.conf import settings

TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
# A preview not confirmed within a day is abandoned.
MAX_AGE_SECONDS = 24 * 3600


def previews_dir():
    return Path(settings.SOURCE_EXPORTS_ROOT) / "previews"


def preview_path(token):
    """The file of `token`, or None for anything but a token preview_save() made."""
    if not TOKEN.match(token or ""):
        return None
    return previews_dir() / f"{token}.bin"


def preview_save(data):
    token = secrets.token_urlsafe(32)
    previews_dir().mkdir(parents=True, exist_ok=True)
    preview_path(token).write_bytes(data)
    return token


def previews_purge(now=None):
    """Delete the previews older than MAX_AGE_SECONDS; return how many."""
    now = now or time.time()
    deleted = 0
    for path in previews_dir().glob("*.bin"):
        if now - path.stat().st_mtime > MAX_AGE_SECONDS:
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted
