"""The private addresses never leave the portal: seeded sentinels, a crawl of every
public page, the emails to senders and the logs."""

import logging
import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.http import HttpResponse

from outbox.services import email_send_due
from tests.contacts.conftest import contact_data

pytestmark = pytest.mark.django_db

SENTINELS = ("sentinelle-fiche", "sentinelle-acteur", "sentinelle-porteur")
LINK = re.compile(r'(?:href|src)="(/[^"#]*)"')
# Private spaces and the admin are not public; static files hold no data.
NOT_PUBLIC = ("/admin/", "/compte/", "/mon-espace/", "/static/", "/media/")


@pytest.fixture
def seeded(make_initiative, make_actor):
    actor = make_actor("Fondation Sentinelle", contact_email="sentinelle-acteur@example.org")
    initiative = make_initiative(
        "Mobilité Sentinelle",
        themes=["mobilite"],
        publics=["precarite"],
        commune="commune-38563",
        territories=["departement-38"],
        contact_email="sentinelle-fiche@example.org",
        actors=[(actor, "financeur")],
        carrier=actor,
    )
    holder = User.objects.create_user(
        "sentinelle-porteur@example.org", "sentinelle-porteur@example.org", "mot de passe solide"
    )
    initiative.holders.add(holder)
    return initiative, actor


def assert_private(text, where):
    for sentinel in SENTINELS:
        assert sentinel not in text, f"{sentinel} in {where}"


def crawl(client, start, limit=250):
    """GET every public page reachable from `start`; {url: response}."""
    seen, queue, pages = set(start), list(start), {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        response = client.get(url)
        if response.streaming:
            # An export (/donnees/…), read whole as a download is.
            body = response.getvalue()
            response = HttpResponse(body, status=response.status_code, headers=response.headers)
        pages[url] = response
        if "html" not in response.get("Content-Type", ""):
            continue
        for link in LINK.findall(response.content.decode()):
            link = unescape(link)
            if link not in seen and not link.startswith(NOT_PUBLIC):
                seen.add(link)
                queue.append(link)
    return pages


def test_no_public_page_shows_a_private_address(visitor, seeded, send):
    initiative, actor = seeded
    # Requests exist, so every page that shows something of them is crawled too.
    send(initiative, territory_key="commune-38563")
    start = [
        "/",
        "/initiatives/",
        "/initiatives/?q=Sentinelle",
        initiative.get_absolute_url(),
        f"{initiative.get_absolute_url()}contacter/",
        f"{initiative.get_absolute_url()}contacter/envoye/",
        actor.get_absolute_url(),
        f"{actor.get_absolute_url()}contacter/",
        "/territoires/commune-38563/",
        "/territoires/departement-38/",
        "/thematiques/mobilite/",
        "/carte/",
        "/carte/donnees.geojson?bbox=-5,41,10,51&zoom=5",
        "/carte/donnees.geojson?bbox=5,45,6,46&zoom=14",
        "/territoires/suggestions/?q=voiron",
        "/proposer/acteurs/?q=Sentinelle",
        "/territoires/suggestions/communes/?q=voiron",
        "/sitemap.xml",
        "/robots.txt",
    ]
    pages = crawl(visitor, start)
    assert len(pages) > 40, "the crawl reached the directory"
    for url in start:
        assert pages[url].status_code == 200, url
    for url, response in pages.items():
        assert_private(response.content.decode(), url)
        assert_private(str(response.headers), url)
    # Searching for the private address does not find the initiative.
    found = visitor.get("/initiatives/", {"q": "sentinelle-fiche@example.org"}).context["results"]
    assert found.total == 0
    fiche = pages[initiative.get_absolute_url()].content.decode()
    assert "Mobilité Sentinelle" in fiche
    assert "1 territoire intéressé" in fiche
    assert "Fondation Sentinelle" in fiche


def test_no_email_to_a_sender_and_no_log_shows_a_private_address(client, seeded, send, caplog):
    initiative, actor = seeded
    caplog.set_level(logging.DEBUG)
    send(initiative)
    data = contact_data(f"actor-{actor.pk}", email="autre.expediteur@example.net")
    client.post(f"{actor.get_absolute_url()}contacter/", data)
    email_send_due()
    to_senders = [
        message
        for message in mail.outbox
        if message.to[0] in ("camille.martin@example.net", "autre.expediteur@example.net")
    ]
    assert len(to_senders) == 2
    for message in to_senders:
        assert_private(message.message().as_string(), f"email to {message.to}")
    to_private = [m.to[0] for m in mail.outbox if m not in to_senders]
    assert sorted(to_private) == [
        "sentinelle-acteur@example.org",
        "sentinelle-fiche@example.org",
        "sentinelle-porteur@example.org",
    ]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Contact request" in logged
    assert_private(logged, "logs")
    assert "camille.martin" not in logged
    assert "plateforme de mobilité" not in logged
