import pytest
from django.contrib.auth.models import User

from outbox.models import Email
from tests.mailbox import emails_to, last_email_to, links_in

pytestmark = pytest.mark.django_db

PASSWORD = "des tartines au miel"


def sign_up(client, email="lea@example.org", password=PASSWORD, again=None, **extra):
    return client.post(
        "/compte/inscription/",
        {"email": email, "password": password, "password_again": again or password},
        **extra,
    )


def test_signing_up_stores_an_inactive_account_and_sends_the_confirmation_link(visitor):
    response = sign_up(visitor, email="Lea@Example.org")

    assert response.status_code == 302
    assert response["Location"] == "/compte/inscription/envoyee/"
    user = User.objects.get()
    assert (user.username, user.email, user.is_active) == (
        "lea@example.org",
        "lea@example.org",
        False,
    )
    email = last_email_to("lea@example.org")
    assert email.kind == "verification"
    assert "Confirmez votre adresse" in email.subject
    [link] = links_in(email)
    assert link.startswith("/compte/confirmer/")


def test_following_the_link_activates_the_account_and_opens_the_personal_space(visitor):
    sign_up(visitor)
    [link] = links_in(last_email_to("lea@example.org"))

    response = visitor.get(link, follow=True)

    assert response.redirect_chain[-1][0] == "/mon-espace/"
    assert "Votre adresse est confirmée" in response.content.decode()
    assert User.objects.get().is_active
    assert visitor.get(link).status_code == 400, "a link works once"


def test_a_tampered_link_activates_nothing(visitor):
    sign_up(visitor)
    [link] = links_in(last_email_to("lea@example.org"))

    response = visitor.get(link[:-3] + "abc/")

    assert response.status_code == 400
    assert "Ce lien ne fonctionne plus" in response.content.decode()
    assert not User.objects.get().is_active


def test_the_answer_is_the_same_for_a_known_address_and_its_owner_is_told(visitor, holder):
    new = sign_up(visitor, email="lea@example.org")
    known = sign_up(visitor, email="MARIE@example.org")

    assert (known.status_code, known["Location"]) == (new.status_code, new["Location"])
    page = visitor.get(known["Location"]).content.decode()
    assert "Si l’adresse marie@example.org peut être utilisée" in page
    email = last_email_to("marie@example.org")
    assert email.kind == "account-exists"
    assert "/compte/mot-de-passe/" in links_in(email)[1]
    holder.refresh_from_db()
    assert holder.check_password("un mot de passe solide"), "nothing changed"
    assert User.objects.count() == 2


def test_signing_up_again_before_confirming_keeps_only_the_latest_password_and_link(visitor):
    sign_up(visitor, password="un premier mot de passe")
    [first_link] = links_in(last_email_to("lea@example.org"))
    sign_up(visitor, password="un second mot de passe")
    [second_link] = links_in(last_email_to("lea@example.org"))

    assert visitor.get(first_link).status_code == 400
    visitor.get(second_link)
    user = User.objects.get()
    assert user.is_active and user.check_password("un second mot de passe")


def test_weak_or_mismatched_passwords_are_refused_in_french_and_the_address_is_kept(visitor):
    response = sign_up(visitor, password="azerty", again="azerty")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ce mot de passe est trop court" in html
    assert 'value="lea@example.org"' in html

    response = sign_up(visitor, password=PASSWORD, again="autre chose encore")
    assert "Les deux mots de passe sont différents." in response.content.decode()
    assert not User.objects.exists()


def test_one_address_receives_at_most_three_account_emails_an_hour(visitor):
    for _ in range(5):
        sign_up(visitor)

    assert len(emails_to("lea@example.org")) == 3
    assert Email.objects.count() == 3


def test_one_client_asks_ten_sign_ups_an_hour_at_most(visitor, settings):
    settings.ACCOUNT_EMAILS_PER_CLIENT_HOUR = 10
    for number in range(10):
        assert sign_up(visitor, email=f"robot{number}@example.org").status_code == 302

    refused = sign_up(visitor, email="victime@example.org")
    elsewhere = sign_up(visitor, email="lea@example.org", REMOTE_ADDR="192.0.2.9")

    assert refused.status_code == 429
    assert "Trop de demandes" in refused.content.decode()
    assert emails_to("victime@example.org") == []
    assert elsewhere.status_code == 302
