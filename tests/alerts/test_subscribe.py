import datetime
import logging
from unittest import mock

import pytest
from django.core import signing
from django.core.management import call_command
from django.utils import timezone

from alerts.models import Alert
from alerts.tokens import confirmation_token
from outbox.models import Email
from tests.alerts.conftest import confirmation_link, subscribe, subscribe_and_confirm
from tests.mailbox import emails_to, last_email_to

pytestmark = pytest.mark.django_db

MOBILITY_IN_ISERE = "thematique=mobilite&territoire=departement-38"


def test_a_visitor_follows_a_search_once_the_link_sent_to_their_address_is_confirmed(visitor):
    form = visitor.get(f"/alertes/nouvelle/?{MOBILITY_IN_ISERE}")
    assert form.status_code == 200
    html = form.content.decode()
    assert "Mobilité — Isère (38)" in html
    assert "nouveaux programmes de soutien" in html

    response = subscribe(visitor, MOBILITY_IN_ISERE, frequency="mensuelle")

    assert response.status_code == 302
    assert response["Location"] == "/alertes/nouvelle/envoyee/"
    alert = Alert.objects.get()
    assert (alert.email, alert.query) == ("elue@example.org", MOBILITY_IN_ISERE)
    assert alert.description == "Mobilité — Isère (38)"
    assert not alert.is_confirmed, "nothing is sent before the address is confirmed"
    email = last_email_to("elue@example.org")
    assert email.kind == "alert-confirmation"
    assert "Mobilité — Isère (38)" in email.subject
    assert "chaque mois" in email.body

    link = confirmation_link()
    page = visitor.get(link)
    assert page.status_code == 200
    assert "Confirmer mon alerte" in page.content.decode()
    alert.refresh_from_db()
    assert not alert.is_confirmed, "a mail scanner following the link confirms nothing"

    confirmed = visitor.post(link)

    assert confirmed.status_code == 200
    assert "Alerte confirmée" in confirmed.content.decode()
    alert.refresh_from_db()
    assert alert.is_confirmed
    assert alert.frequency == "mensuelle"
    assert alert.next_digest_at - alert.confirmed_at == datetime.timedelta(days=30)


def test_the_same_search_written_differently_is_one_alert(visitor):
    subscribe_and_confirm(
        visitor, "territoire=departement-38&thematique=mobilite&tri=nom&page=2&x=1"
    )
    subscribe(visitor, "thematique=mobilite&territoire=Is%C3%A8re", frequency="mensuelle")

    alert = Alert.objects.get()
    assert alert.query == MOBILITY_IN_ISERE
    assert alert.frequency == "hebdomadaire", "changed only once the new link is confirmed"
    visitor.post(confirmation_link())
    alert.refresh_from_db()
    assert alert.frequency == "mensuelle"


@pytest.mark.parametrize(
    ("query", "description"),
    [
        ("thematique=mobilite&territoire=commune-38563", "Mobilité à Voiron"),
        (
            "territoire=epci-243800984",
            "Toutes les initiatives — Communauté d'agglomération du Pays Voironnais",
        ),
        (
            "q=v%C3%A9lo&thematique=mobilite&thematique=climat&etape=essaimage",
            "« vélo », Climat et Mobilité, étape : essaimage",
        ),
        ("pres_de=commune-38563&rayon=30", "Toutes les initiatives à moins de 30 km de Voiron"),
        ("", "Toutes les initiatives"),
    ],
)
def test_an_alert_is_described_in_french_words(visitor, query, description):
    response = subscribe(visitor, query)

    assert response.status_code == 302
    assert Alert.objects.get().description == description


@pytest.mark.parametrize(
    ("page", "form"),
    [
        ("/initiatives/?thematique=mobilite&tri=nom", "/alertes/nouvelle/?thematique=mobilite"),
        (
            "/carte/?territoire=departement-38&thematique=mobilite",
            "/alertes/nouvelle/?thematique=mobilite&amp;territoire=departement-38",
        ),
        ("/territoires/departement-38/", "/alertes/nouvelle/?territoire=departement-38"),
        ("/thematiques/mobilite/", "/alertes/nouvelle/?thematique=mobilite"),
    ],
)
def test_lists_map_territory_and_theme_pages_link_to_the_alert_of_their_search(visitor, page, form):
    html = visitor.get(page).content.decode()

    assert (
        f'<a href="{form}" rel="nofollow">Recevoir les nouvelles initiatives par email</a>' in html
    )


def test_a_search_with_wrong_parameters_cannot_be_followed(visitor):
    response = visitor.get("/alertes/nouvelle/?territoire=Atlantide&etape=lune")

    assert response.status_code == 400
    assert "Cette recherche ne peut pas être suivie" in response.content.decode()
    assert subscribe(visitor, "territoire=Atlantide").status_code == 400
    assert not Alert.objects.exists()


def test_a_wrong_address_is_told_and_nothing_is_stored(visitor):
    response = subscribe(visitor, MOBILITY_IN_ISERE, email="pas-une-adresse")

    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide" in response.content.decode()
    assert not Alert.objects.exists()
    assert not Email.objects.exists()


def test_an_expired_confirmation_link_starts_nothing(visitor):
    subscribe(visitor, MOBILITY_IN_ISERE)
    alert = Alert.objects.get()
    four_days_ago = timezone.now() - datetime.timedelta(days=4)
    with mock.patch("django.core.signing.time") as clock:
        clock.time.return_value = four_days_ago.timestamp()
        old_link = f"/alertes/confirmer/{confirmation_token(alert, 'hebdomadaire')}/"

    for response in (visitor.get(old_link), visitor.post(old_link)):
        assert response.status_code == 400
        assert "Ce lien a expiré" in response.content.decode()
    alert.refresh_from_db()
    assert not alert.is_confirmed


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: signing.dumps(
            {"k": signing.loads(token, salt="alerts.confirmation")["k"], "f": "hebdomadaire"},
            salt="autre-chose",
        ),
        lambda token: signing.dumps(
            {"k": "une-cle-inventee", "f": "hebdomadaire"}, salt="alerts.confirmation"
        ),
    ],
    ids=["altered", "other-salt", "unknown-key"],
)
def test_a_forged_confirmation_link_starts_nothing(visitor, forge):
    subscribe(visitor, MOBILITY_IN_ISERE)
    token = confirmation_link().split("/")[-2]

    response = visitor.post(f"/alertes/confirmer/{forge(token)}/")

    assert response.status_code == 400
    assert "Ce lien n’est pas valable" in response.content.decode()
    assert not Alert.objects.get().is_confirmed


def test_unconfirmed_alerts_are_deleted_once_their_link_has_expired(visitor, confirmed_alert):
    subscribe(visitor, MOBILITY_IN_ISERE, email="oubli@example.org")
    subscribe(visitor, MOBILITY_IN_ISERE, email="recent@example.org")
    Alert.objects.filter(email="oubli@example.org").update(
        created_at=timezone.now() - datetime.timedelta(days=4)
    )
    kept = confirmed_alert(created_at=timezone.now() - datetime.timedelta(days=40))

    call_command("send_alerts", stdout=open("/dev/null", "w"))

    emails = set(Alert.objects.values_list("email", flat=True))
    assert emails == {"recent@example.org", kept.email}


def test_a_signed_in_user_following_a_search_with_their_address_needs_no_email(marie):
    response = marie.post(
        f"/alertes/nouvelle/?{MOBILITY_IN_ISERE}",
        {"email": "Marie@Example.org", "frequency": "hebdomadaire"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/mon-espace/#alertes"
    assert Alert.objects.get().is_confirmed
    assert emails_to("marie@example.org") == []


def test_a_signed_in_user_following_with_another_address_confirms_it_by_email(marie):
    subscribe(marie, MOBILITY_IN_ISERE, email="mairie@example.org")

    assert not Alert.objects.get().is_confirmed
    assert emails_to("mairie@example.org")[0].kind == "alert-confirmation"


def test_the_address_is_neither_in_the_links_nor_in_the_log(visitor, caplog):
    caplog.set_level(logging.DEBUG)
    subscribe_and_confirm(visitor, MOBILITY_IN_ISERE, email="discrete@example.org")

    link = confirmation_link("discrete@example.org")
    assert "discrete" not in link
    assert "discrete" not in signing.b64_decode(link.split("/")[-2].split(":")[0].encode()).decode()
    assert "discrete" not in caplog.text
    assert "/alertes/confirmer/…/" in caplog.text


def test_the_confirmation_email_carries_no_words_anybody_typed(visitor):
    subscribe(visitor, "q=achetez+chez+nous+http%3A%2F%2Fspam.example&thematique=mobilite")

    email = last_email_to("elue@example.org")
    assert "spam.example" not in email.subject + email.body
    assert "Mots-clés choisis, Mobilité" in email.subject
    assert Alert.objects.get().description == "« achetez chez nous http://spam.example », Mobilité"
