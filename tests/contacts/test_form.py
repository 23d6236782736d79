"""The contact form of a fiche, /initiatives/<slug>/contacter/."""

import time

import pytest
from django.core import mail

from contacts.forms import form_token
from contacts.models import ContactRequest
from outbox.models import Email
from outbox.services import email_send_due
from tests.contacts.conftest import PRIVATE, contact_data

pytestmark = pytest.mark.django_db


def test_the_form_asks_who_why_and_shows_the_data_protection_notice(visitor, wimoov):
    response = visitor.get("/initiatives/wimoov/contacter/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Contacter Wimoov",
        "Votre nom",
        "Votre adresse email",
        "Votre organisation",
        "Élu ou agent de collectivité",
        "Journaliste",
        "Soutien / financement",
        "Essaimage sur mon territoire",
        "Votre territoire",
        "Qui reçoit votre message",
        "au bout de 12 mois",
        "Vos droits",
        "J’ai lu la notice",
    ):
        assert text in html, text
    assert 'name="site_web"' in html
    assert 'name="token"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_link_can_preselect_an_elected_official_asking_for_essaimage(visitor, wimoov):
    form = visitor.get("/initiatives/wimoov/contacter/?profil=elu&objet=essaimage").context["form"]
    assert form["sender_kind"].value() == "elu"
    assert form["purpose"].value() == "essaimage"


def test_a_territory_dashboard_link_prefills_the_territory(visitor, wimoov):
    url = "/initiatives/wimoov/contacter/?profil=elu&objet=essaimage&territoire=commune-38563"
    response = visitor.get(url)
    assert str(response.context["form"]["territory"].value()) == "Voiron (38500)"
    assert 'id="id_territory" value="Voiron (38500)"' in response.content.decode()


@pytest.mark.parametrize("key", ["commune-99999", "n’importe quoi", "commune-38563' OR 1=1"])
def test_an_unknown_territory_in_the_link_leaves_the_field_empty(visitor, wimoov, key):
    response = visitor.get("/initiatives/wimoov/contacter/", {"territoire": key})
    assert response.status_code == 200
    assert response.context["form"]["territory"].value() is None


def test_a_request_is_stored_then_sent_to_the_private_address_and_the_holders(
    send, wimoov, territory
):
    response = send(wimoov)
    assert response.status_code == 302
    assert response["Location"] == "/initiatives/wimoov/contacter/envoye/"
    contact = ContactRequest.objects.get()
    assert contact.initiative == wimoov
    assert contact.sender_name == "Camille Martin"
    assert contact.sender_kind == "elu"
    assert contact.purpose == "essaimage"
    assert contact.territory == territory("commune-38563")
    assert contact.deliveries.count() == 2
    assert set(Email.objects.values_list("status", flat=True)) == {"pending"}
    assert email_send_due() == (3, 0)
    to_recipients = [m for m in mail.outbox if m.to != ["camille.martin@example.net"]]
    assert sorted(m.to[0] for m in to_recipients) == ["porteuse.wimoov@example.org", PRIVATE]
    for message in to_recipients:
        assert message.from_email == "Carrefour <ne-pas-repondre@carrefour.localhost>"
        assert message.reply_to == ["camille.martin@example.net"]
        assert "nous aimerions une plateforme de mobilité à Voiron" in message.body
        assert "Voiron (38500) (commune)" in message.body
        assert "Wimoov" in message.subject


def test_the_holder_is_told_where_to_find_every_request(send, wimoov):
    send(wimoov)
    email_send_due()
    to_holder = next(m for m in mail.outbox if m.to == ["porteuse.wimoov@example.org"])
    to_private = next(m for m in mail.outbox if m.to == [PRIVATE])
    assert "http://127.0.0.1:8000/mon-espace/messages/" in to_holder.body
    assert "/mon-espace/messages/" not in to_private.body


def test_the_sender_gets_an_acknowledgement_without_any_private_address(send, wimoov):
    send(wimoov)
    email_send_due()
    (confirmation,) = [m for m in mail.outbox if m.to == ["camille.martin@example.net"]]
    text = confirmation.subject + confirmation.body + str(confirmation.message())
    assert "Wimoov" in confirmation.subject
    assert "bien été reçu" in confirmation.body
    assert PRIVATE not in text
    assert "porteuse.wimoov" not in text
    # A confirmation carries no text typed by the sender, so the form cannot be
    # used to send arbitrary messages to somebody else's address.
    assert "plateforme de mobilité à Voiron" not in text
    assert "Camille" not in text


def test_one_address_shared_by_the_fiche_and_a_holder_gets_one_email(send, wimoov, holder):
    holder.email = PRIVATE.upper()
    holder.save()
    send(wimoov)
    assert ContactRequest.objects.get().deliveries.count() == 1


def test_the_thank_you_page_names_the_initiative_only(send, visitor, wimoov):
    response = visitor.get(send(wimoov)["Location"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "votre message est parti" in html
    assert "Wimoov" in html
    assert PRIVATE not in html


def test_a_filled_honeypot_shows_success_and_stores_nothing(send, wimoov):
    response = send(wimoov, site_web="https://spam.example.com")
    assert response.status_code == 302
    assert response["Location"] == "/initiatives/wimoov/contacter/envoye/"
    assert ContactRequest.objects.count() == 0
    assert Email.objects.count() == 0


def test_a_form_sent_too_fast_is_refused_and_keeps_the_message(send, wimoov):
    response = send(wimoov, token=form_token(f"initiative-{wimoov.pk}"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Envoyé trop vite" in html
    assert "nous aimerions une plateforme de mobilité à Voiron" in html
    assert response.context["form"].has_error("token", "too_fast")
    assert ContactRequest.objects.count() == 0


def test_a_form_shown_too_long_ago_is_refused_with_a_fresh_token(send, wimoov):
    three_hours_ago = time.time() - 3 * 3600
    response = send(wimoov, token=form_token(f"initiative-{wimoov.pk}", now=three_hours_ago))
    assert response.status_code == 200
    assert response.context["form"].has_error("token", "expired")
    assert "Le formulaire a expiré" in response.content.decode()
    assert ContactRequest.objects.count() == 0
    data = contact_data(f"initiative-{wimoov.pk}", token=response.context["token"])
    token_age = time.time() - int(data["token"].split(":")[0].rsplit("|", 1)[1])
    assert token_age < 5, "the page offers a new token"


def test_a_form_is_accepted_once_and_sent_again_shows_why_with_the_text_kept(
    client, wimoov, django_capture_on_commit_callbacks
):
    data = contact_data(f"initiative-{wimoov.pk}")
    url = "/initiatives/wimoov/contacter/"
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
        again = client.post(url, data)

    assert first.status_code == 302
    assert again.status_code == 200
    assert again.context["form"].has_error("token", "already_sent")
    html = again.content.decode()
    assert "Ce formulaire a déjà servi à envoyer ce message" in html
    assert "nous aimerions une plateforme de mobilité à Voiron" in html
    assert ContactRequest.objects.count() == 1
    assert Email.objects.count() == 3


def test_a_refused_form_can_be_sent_once_corrected(send, wimoov):
    data = contact_data(f"initiative-{wimoov.pk}")
    refused = send(wimoov, **{**data, "acknowledge": ""})
    assert refused.status_code == 200

    assert send(wimoov, **data).status_code == 302
    assert ContactRequest.objects.count() == 1


def test_a_honeypot_hit_does_not_use_up_the_form(send, wimoov):
    data = contact_data(f"initiative-{wimoov.pk}")
    send(wimoov, **{**data, "site_web": "https://spam.example.com"})

    assert send(wimoov, **data).status_code == 302
    assert ContactRequest.objects.count() == 1


@pytest.mark.parametrize(
    "token",
    ["", "n’importe quoi", form_token("initiative-999999", now=time.time() - 10)],
    ids=["missing", "forged", "for another fiche"],
)
def test_a_missing_or_forged_token_is_refused(send, wimoov, token):
    response = send(wimoov, token=token)
    assert response.context["form"].has_error("token", "invalid_token")
    assert ContactRequest.objects.count() == 0


@pytest.mark.parametrize(
    "field, value",
    [
        ("name", "Camille\r\nBcc: victime@example.com"),
        ("name", "Camille\nSubject: promo"),
        ("email", "camille@example.net\r\nBcc: victime@example.com"),
        ("email", "camille@example.net\nCc: victime@example.com"),
        ("organisation", "Mairie\rBcc: victime@example.com"),
        ("organisation", "Mairie\u2028Bcc: victime@example.com"),
        ("territory", "Voiron\r\nBcc: x@example.com"),
        ("message", "Bonjour\x00 et \x1b[31m rouge"),
    ],
)
def test_header_injection_is_a_form_error_never_a_server_error(send, wimoov, field, value):
    response = send(wimoov, **{field: value})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert ContactRequest.objects.count() == 0
    assert Email.objects.count() == 0


def test_a_message_keeps_its_line_breaks(send, wimoov):
    send(wimoov, message="Bonjour,\r\n\r\nNous aimerions échanger.\r\n\tMerci")
    assert (
        ContactRequest.objects.get().message
        == "Bonjour,\r\n\r\nNous aimerions échanger.\r\n\tMerci"
    )


def test_an_essaimage_request_must_name_a_territory(send, wimoov):
    response = send(wimoov, territory="", territory_key="")
    assert response.context["form"].has_error("territory", "territory_required")
    assert ContactRequest.objects.count() == 0


def test_without_javascript_a_typed_name_or_postcode_finds_the_territory(send, wimoov, territory):
    send(wimoov, territory="voiron", territory_key="")
    send(wimoov, territory="38500", territory_key="", email="autre@example.net")
    send(wimoov, territory="Voiron (38500)", territory_key="", email="trois@example.net")
    places = ContactRequest.objects.values_list("territory", flat=True)
    assert set(places) == {territory("commune-38563").pk}


def test_a_name_only_begun_is_not_taken_for_a_territory(send, wimoov):
    response = send(wimoov, territory="voir", territory_key="")
    assert response.context["form"].has_error("territory", "unknown")
    assert "Vouliez-vous dire « Voiron (38500) » ?" in response.content.decode()
    assert ContactRequest.objects.count() == 0


def test_a_postcode_tells_apart_communes_of_the_same_name(send, wimoov, territory):
    # Three communes are called Chevrières; the one in Isère is the smallest.
    send(wimoov, territory="chevrieres (38160)", territory_key="")
    assert ContactRequest.objects.get().territory == territory("commune-38099")


def test_an_unknown_territory_is_a_form_error(send, wimoov):
    response = send(wimoov, territory="Nulle-Part-sur-Mer", territory_key="commune-00000")
    assert response.context["form"].has_error("territory", "unknown")


def test_other_purposes_need_no_territory(send, wimoov):
    send(wimoov, sender_kind="journaliste", purpose="information", territory="", territory_key="")
    contact = ContactRequest.objects.get()
    assert contact.territory is None
    assert contact.purpose == "information"


@pytest.mark.parametrize(
    "field, value, code",
    [
        ("email", "pas-une-adresse", "invalid"),
        ("sender_kind", "ministre", "invalid_choice"),
        ("purpose", "vente", "invalid_choice"),
        ("message", "Salut", "min_length"),
        ("message", "x" * 5001, "max_length"),
        ("acknowledge", "", "required"),
        ("name", "", "required"),
    ],
)
def test_invalid_fields_are_named(send, wimoov, field, value, code):
    response = send(wimoov, **{field: value})
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert "Le message n’est pas parti" in response.content.decode()
    assert ContactRequest.objects.count() == 0


def test_an_unpublished_initiative_cannot_be_contacted(visitor, make_initiative):
    make_initiative("Projet caché", status="draft", contact_email=PRIVATE)
    assert visitor.get("/initiatives/projet-cache/contacter/").status_code == 404
    assert visitor.get("/initiatives/projet-cache/contacter/envoye/").status_code == 404


def test_an_initiative_nobody_receives_messages_for_says_so(send, visitor, make_initiative):
    orphan = make_initiative("Atelier sans adresse")
    response = visitor.get("/initiatives/atelier-sans-adresse/contacter/")
    assert "pas encore de destinataire" in response.content.decode()
    assert '<form class="contact-form"' not in response.content.decode()
    send(orphan)
    assert ContactRequest.objects.count() == 0


def test_an_initiative_with_holders_only_can_be_contacted(send, make_initiative, holder):
    initiative = make_initiative("Cantine des holders")
    initiative.holders.add(holder)
    send(initiative)
    email_send_due()
    assert [m.to for m in mail.outbox if m.reply_to] == [["porteuse.wimoov@example.org"]]


def test_a_name_two_communes_share_is_explained_not_guessed(send, wimoov):
    response = send(wimoov, territory="Montagny", territory_key="")
    assert response.context["form"].has_error("territory", "ambiguous")
    assert ContactRequest.objects.count() == 0


def test_a_territory_edited_after_picking_a_suggestion_is_read_as_typed(send, wimoov, territory):
    send(wimoov, territory="Isère (38)", territory_key="commune-38563")
    assert ContactRequest.objects.get().territory == territory("departement-38")
