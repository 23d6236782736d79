"""Sharing a page: what social networks read, the share block, the icons."""

import html
import json
import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def meta(page, name):
    """The content of a <meta property|name=…> tag, unescaped; None without it."""
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


@pytest.fixture
def wimoov(make_initiative):
    return make_initiative(
        "Wimoov",
        commune="commune-75056",
        summary="Des plateformes de mobilité pour celles et ceux qui en ont besoin.",
        image="initiatives/wimoov.png",
    )


def test_a_fiche_tells_networks_its_title_summary_image_and_address(visitor, wimoov):
    page = visitor.get("/initiatives/wimoov/").content.decode()

    assert meta(page, "og:title") == "Wimoov"
    assert meta(page, "og:description").startswith("Des plateformes de mobilité")
    assert meta(page, "og:url") == f"{settings.SITE_URL}/initiatives/wimoov/"
    assert meta(page, "og:image") == f"{settings.SITE_URL}/media/initiatives/wimoov.png"
    assert meta(page, "og:type") == "article"
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "twitter:title") == "Wimoov"
    assert f'<link rel="canonical" href="{settings.SITE_URL}/initiatives/wimoov/">' in page


def test_a_fiche_without_image_is_shared_with_the_portal_icon(visitor, make_initiative):
    make_initiative("Cantine des Voironnais", commune="commune-38563")

    page = visitor.get("/initiatives/cantine-des-voironnais/").content.decode()

    assert meta(page, "og:image").startswith(f"{settings.SITE_URL}/static/icons/icon-512")
    assert meta(page, "twitter:card") == "summary"


@pytest.mark.parametrize(
    ("url", "title", "shared_url"),
    [
        (
            "/territoires/commune-38563/",
            "Innovations sociales : Voiron",
            "/territoires/commune-38563/",
        ),
        ("/thematiques/mobilite/", "Mobilité", "/thematiques/mobilite/"),
        ("/initiatives/?q=mobilite&page=1", "Les initiatives", "/initiatives/"),
        ("/carte/?thematique=mobilite", "Carte des initiatives", "/carte/"),
        ("/acteurs/", "Les acteurs de l’innovation sociale", "/acteurs/"),
        ("/", "Carrefour", "/"),
    ],
)
def test_lists_and_places_have_their_own_card(visitor, wimoov, url, title, shared_url):
    page = visitor.get(url).content.decode()

    assert meta(page, "og:title") == title
    assert meta(page, "og:url") == settings.SITE_URL + shared_url
    assert meta(page, "og:description")
    assert meta(page, "twitter:card") == "summary"


def test_an_actor_page_has_a_card_and_a_share_block(visitor, make_actor):
    make_actor("Fondation Exemple", description="Elle soutient l’entrepreneuriat social.")

    page = visitor.get("/acteurs/fondation-exemple/").content.decode()

    assert meta(page, "og:title") == "Fondation Exemple"
    assert meta(page, "og:description") == "Elle soutient l’entrepreneuriat social."
    assert 'id="partager-titre"' in page


def test_the_share_block_offers_copy_email_and_networks_without_their_scripts(visitor, wimoov):
    page = visitor.get("/initiatives/wimoov/").content.decode()
    address = "http%3A%2F%2F127.0.0.1%3A8000%2Finitiatives%2Fwimoov%2F".replace(
        "http%3A%2F%2F127.0.0.1%3A8000", settings.SITE_URL.replace(":", "%3A").replace("/", "%2F")
    )

    block = page.split('id="partager-titre"')[1].split("</section>")[0]
    assert f'value="{settings.SITE_URL}/initiatives/wimoov/" readonly' in block
    assert "data-copy=" in block and "hidden" in block, "the button appears with JavaScript"
    assert f'href="mailto:?subject=Wimoov&amp;body={address}"' in block
    for network in [
        f"https://www.linkedin.com/sharing/share-offsite/?url={address}",
        f"https://www.facebook.com/sharer/sharer.php?u={address}",
        f"https://x.com/intent/post?url={address}&amp;text=Wimoov",
        f"https://bsky.app/intent/compose?text=Wimoov%20{address}",
    ]:
        assert f'href="{network}"' in block
    assert 'action="/partager/mastodon/"' in block
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', page)
    assert scripts and all(src.startswith("/static/") for src in scripts)


def test_sharing_on_mastodon_goes_to_the_visitors_own_server(visitor):
    response = visitor.get(
        "/partager/mastodon/",
        {"instance": " https://Piaille.fr/ ", "page": "/initiatives/wimoov/", "titre": "Wimoov"},
    )

    assert response.status_code == 302
    assert response["Location"] == (
        "https://piaille.fr/share?text=Wimoov+"
        + settings.SITE_URL.replace(":", "%3A").replace("/", "%2F")
        + "%2Finitiatives%2Fwimoov%2F"
    )


@pytest.mark.parametrize(
    ("instance", "page"),
    [
        ("", "/initiatives/wimoov/"),
        ("pas un serveur", "/initiatives/wimoov/"),
        ("piaille.fr", "https://ailleurs.example/"),
        ("piaille.fr", "//ailleurs.example/"),
    ],
)
def test_sharing_on_mastodon_refuses_what_is_not_a_server_and_a_page_here(visitor, instance, page):
    response = visitor.get("/partager/mastodon/", {"instance": instance, "page": page})

    assert response.status_code == 400
    assert "serveur Mastodon" in response.content.decode()


def test_the_web_manifest_names_the_portal_and_its_icons(visitor, db):
    response = visitor.get("/manifest.webmanifest")

    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["short_name"] == "Carrefour" and manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    page = visitor.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert 'type="image/svg+xml"' in page


def test_favicon_ico_leads_to_the_icon(visitor, db):
    response = visitor.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].startswith("/static/icons/favicon")
