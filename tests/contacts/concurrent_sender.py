"""Send contact requests from a separate process, as another web worker would.

    python concurrent_sender.py setup SLUG
    python concurrent_sender.py send START_AT SLUG COUNT REMOTE_ADDR [REMOTE_ADDR…]
    python concurrent_sender.py cleanup SLUG

`setup` commits a published initiative; `send` waits until the Unix time
START_AT so that every process starts at once, posts COUNT requests per address
to the fiche, and prints the status codes, one a line; `cleanup` deletes what
the others committed. The database is the test database named by DATABASE_URL.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carrefour.settings")

import django

django.setup()

from django.test import Client  # noqa: E402

from carrefour.models import RateLimit  # noqa: E402
from contacts.forms import form_token  # noqa: E402
from contacts.models import ContactRequest, UsedFormToken  # noqa: E402
from contacts.services import contact_requests_delete  # noqa: E402
from initiatives.models import Initiative  # noqa: E402


def setup(slug):
    Initiative.objects.create(
        name=slug,
        slug=slug,
        summary="Une initiative pour les essais de concurrence.",
        status=Initiative.Status.PUBLISHED,
        contact_email="concurrence@example.org",
    )


def cleanup(slug):
    contact_requests_delete(contact_requests=ContactRequest.objects.filter(initiative__slug=slug))
    Initiative.objects.filter(slug=slug).delete()
    RateLimit.objects.all().delete()
    UsedFormToken.objects.all().delete()


def send(start_at, slug, count, *addresses):
    initiative = Initiative.objects.get(slug=slug)
    client = Client()
    data = {
        "name": "Camille Martin",
        "email": "camille.martin@example.net",
        "sender_kind": "citoyen",
        "purpose": "information",
        "message": "Bonjour, je voudrais en savoir plus sur votre initiative.",
        "acknowledge": "on",
    }
    time.sleep(max(0, float(start_at) - time.time()))
    for _ in range(int(count)):
        for address in addresses:
            # Each form shown is accepted once: a new token for every request.
            token = form_token(f"initiative-{initiative.pk}", now=time.time() - 10)
            response = client.post(
                f"/initiatives/{slug}/contacter/", {**data, "token": token}, REMOTE_ADDR=address
            )
            sys.stdout.write(f"{response.status_code}\n")
            sys.stdout.flush()


if __name__ == "__main__":
    {"setup": setup, "send": send, "cleanup": cleanup}[sys.argv[1]](*sys.argv[2:])
