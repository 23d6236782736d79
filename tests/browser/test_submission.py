"""A holder's journey in Chromium: sign up, confirm, submit with the map picker,
a moderator approves in the admin, the fiche is found in search and on the map."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.test.utils import override_settings

from initiatives.models import Initiative
from moderation.models import MODERATORS_GROUP
from outbox.models import Email
from tests.mailbox import last_email_to, links_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

HOLDER = "camille.submission@example.org"
MODERATOR = "moderatrice.submission@example.org"
PASSWORD = "des tartines au miel"
MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture(scope="module")
def moderator(live_url, django_db_blocker):
    """A moderator committed for the live server; what the journey wrote is deleted."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=[MD5]):
        user = User.objects.create_user(MODERATOR, MODERATOR, PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
        try:
            yield user
        finally:
            Initiative.objects.filter(holders__email=HOLDER).delete()
            User.objects.filter(email__in=[HOLDER, MODERATOR]).delete()
            Email.objects.filter(to__in=[HOLDER, MODERATOR]).delete()


def test_a_holder_submits_and_a_moderator_publishes(page, context, moderator, axe):
    page.goto("/compte/inscription/")
    page.get_by_label("Adresse e-mail").fill(HOLDER)
    page.get_by_label(re.compile(r"^Mot de passe\W*$")).fill(PASSWORD)
    page.get_by_label("Mot de passe, à nouveau").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url("**/compte/inscription/envoyee/")

    [link] = links_in(last_email_to(HOLDER))
    page.goto(link)
    page.wait_for_url("**/mon-espace/")
    page.get_by_role("link", name="Proposer une initiative").first.click()
    page.wait_for_url("**/proposer/")
    assert axe() == []

    page.get_by_label("Nom").first.fill("Cantine des Voironnais")
    page.get_by_label("Résumé").fill("Une cantine partagée où les habitants cuisinent ensemble.")
    page.get_by_label("Description").fill("Contexte, besoin, solution : une cantine partagée.")
    page.get_by_label("Mobilité").check()
    page.get_by_label("Structure porteuse").fill("Association Cantine des Voironnais")
    page.get_by_label("Personne à contacter").fill("Camille Martin")
    page.get_by_label("Email de contact").fill(HOLDER)
    commune = page.get_by_label("Commune *")
    commune.press_sequentially("Voir", delay=30)
    page.locator("#communes-list option").first.wait_for(state="attached")
    label = page.locator("#communes-list option").first.get_attribute("value")
    assert label == "Voiron (38500)"
    commune.fill(label)
    picker = page.locator("[data-picker]")
    picker.scroll_into_view_if_needed()
    picker.click(position={"x": 220, "y": 160})
    latitude = page.locator("#id_latitude").input_value()
    assert re.fullmatch(r"-?\d+\.\d{6}", latitude)
    page.get_by_role("button", name="Envoyer en relecture…").click()

    page.wait_for_url("**/mon-espace/fiches/cantine-des-voironnais/envoyer/")
    page.get_by_role("button", name="Envoyer en relecture").click()
    page.wait_for_url("**/mon-espace/")
    assert "En attente de modération" in page.locator("table").inner_text()
    initiative = Initiative.objects.get(slug="cantine-des-voironnais")
    assert round(initiative.point.y, 6) == float(latitude)

    admin = context.new_page()
    admin.goto("/admin/")
    admin.get_by_label("Nom d’utilisateur").fill(MODERATOR)
    admin.get_by_label("Mot de passe").fill(PASSWORD)
    admin.get_by_role("button", name="Connexion").click()
    admin.goto("/admin/moderation/submission/")
    admin.get_by_role("link", name="Cantine des Voironnais").click()
    admin.get_by_role("button", name="Approuver et publier").click()
    admin.get_by_label("Message au porteur").fill("Bienvenue dans l’annuaire !")
    admin.get_by_role("button", name="Confirmer").click()
    assert "1 fiche publiée." in admin.locator(".messagelist").inner_text()
    admin.close()

    assert last_email_to(HOLDER).kind == "submission-approved"
    page.goto("/initiatives/?q=cantine+voironnais")
    result = page.locator("a[href='/initiatives/cantine-des-voironnais/']").first
    assert result.inner_text() == "Cantine des Voironnais"
    page.goto("/carte/?q=cantine+voironnais")
    page.wait_for_selector("[data-directory-map][data-state='ready']")
    assert "Cantine des Voironnais" in page.locator("[data-in-view-list]").inner_text()
