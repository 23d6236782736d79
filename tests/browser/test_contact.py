"""Contact journeys in Chromium: an élu asks for an essaimage, the holder reads it."""

import re

import pytest
from django.contrib.auth.models import User
from django.test.utils import override_settings

from carrefour.models import RateLimit
from contacts.models import ContactRequest, UsedFormToken
from contacts.services import contact_requests_delete
from initiatives.models import Initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

HOLDER = "porteuse.wimoov@example.org"
PASSWORD = "un mot de passe solide"
MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture(scope="module")
def holder(live_url, django_db_blocker):
    """A holder of Wimoov, committed for the live server; what the journey wrote is deleted."""
    # Hashed as the tests check passwords (tests/conftest.py: fast_password_hashing).
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=[MD5]):
        user = User.objects.create_user(HOLDER, HOLDER, PASSWORD)
        Initiative.objects.get(slug="wimoov").holders.add(user)
        try:
            yield user
        finally:
            contact_requests_delete(contact_requests=ContactRequest.objects.all())
            RateLimit.objects.all().delete()
            UsedFormToken.objects.all().delete()
            user.delete()


@pytest.fixture
def quick_hands(settings):
    # Playwright fills a form faster than the time token allows a person to.
    settings.CONTACT_FORM_MIN_SECONDS = 0


def test_an_elu_asks_for_an_essaimage_and_the_holder_sees_it(page, holder, quick_hands, axe):
    page.goto("/initiatives/wimoov/")
    page.get_by_role(
        "link", name="Élu ou agent de collectivité : proposer l’essaimage sur votre territoire"
    ).click()
    page.wait_for_url(re.compile(r"/initiatives/wimoov/contacter/\?profil=elu&objet=essaimage$"))
    assert axe() == []

    page.get_by_label("Votre nom").fill("Camille Martin")
    page.get_by_label("Votre adresse email").fill("camille.martin@example.net")
    page.get_by_label("Votre organisation").fill("Mairie de Voiron")
    assert page.get_by_label("Vous êtes").input_value() == "elu"
    assert page.get_by_label("Objet de votre demande").input_value() == "essaimage"
    territory = page.get_by_label("Votre territoire")
    territory.press_sequentially("voir", delay=30)
    option = page.get_by_role("option", name=re.compile(r"^Voiron \(38500\)"))
    option.click()
    assert territory.input_value() == "Voiron (38500)"
    assert page.locator("[data-territory-key]").input_value() == "commune-38563"
    page.get_by_label("Votre message").fill(
        "Bonjour, la communauté d’agglomération aimerait une plateforme de mobilité."
    )
    page.get_by_label("J’ai lu la notice ci-dessus sur mes données personnelles.").check()
    page.get_by_role("button", name="Envoyer le message").click()

    page.wait_for_url("**/initiatives/wimoov/contacter/envoye/")
    assert page.locator("h1").inner_text() == "Merci, votre message est parti"
    page.goto("/initiatives/wimoov/")
    assert "1 territoire intéressé" in page.locator(".contact-block").inner_text()

    page.goto("/mon-espace/messages/")
    page.wait_for_url(re.compile(r"/compte/connexion/"))
    page.get_by_label("Adresse e-mail").fill(HOLDER)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/mon-espace/messages/")
    message = page.locator(".inbox .message").first
    text = message.inner_text()
    for expected in (
        "Camille Martin — Mairie de Voiron",
        "Essaimage sur mon territoire",
        "Élu ou agent de collectivité",
        "Voiron (38500)",
        "pour Wimoov",
        "aimerait une plateforme de mobilité",
    ):
        assert expected in text, expected
    assert message.get_by_role("link", name="Répondre à camille.martin@example.net").is_visible()
    assert axe() == []


def test_the_keyboard_picks_a_territory(page, holder):
    page.goto("/initiatives/wimoov/contacter/")
    territory = page.get_by_label("Votre territoire")
    territory.press_sequentially("38500", delay=30)
    page.locator("#territory-suggestions [role=option]").first.wait_for()
    territory.press("ArrowDown")
    territory.press("Enter")
    assert territory.input_value() == "Voiron (38500)"
    assert page.locator("[data-territory-key]").input_value() == "commune-38563"
    territory.press("Backspace")
    assert page.locator("[data-territory-key]").input_value() == "", "an edit forgets the choice"
