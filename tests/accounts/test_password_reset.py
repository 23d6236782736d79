import pytest
from django.contrib.auth.models import User

from accounts.models import LoginFailure
from outbox.models import Email
from tests.mailbox import last_email_to, links_in

pytestmark = pytest.mark.django_db


def ask_reset(client, email, **extra):
    return client.post("/compte/mot-de-passe/", {"email": email}, **extra)


def choose(client, link, password="un tout nouveau mot de passe"):
    page = client.get(link, follow=True)  # Django moves the token into the session.
    return client.post(
        page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )


def test_known_and_unknown_addresses_get_the_same_answer(visitor, holder):
    known = ask_reset(visitor, "marie@example.org")
    unknown = ask_reset(visitor, "personne@example.org")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/compte/mot-de-passe/envoye/"
    assert sorted(Email.objects.values_list("to", "kind")) == [
        ("marie@example.org", "password-reset"),
        ("personne@example.org", "password-reset-unknown"),
    ]


def test_an_unknown_address_is_told_that_no_account_uses_it(visitor):
    ask_reset(visitor, "personne@example.org")

    email = last_email_to("personne@example.org")
    assert "Aucun compte actif n’utilise cette adresse" in email.body
    assert links_in(email) == ["/compte/mot-de-passe/", "/compte/inscription/"]


def test_the_link_sets_a_new_password_and_lifts_a_lockout(visitor, holder):
    LoginFailure.objects.bulk_create(
        [LoginFailure(username="marie@example.org", ip="192.0.2.1") for _ in range(5)]
    )
    ask_reset(visitor, "marie@example.org")
    [link] = links_in(last_email_to("marie@example.org"))

    response = choose(visitor, link)

    assert response["Location"] == "/compte/mot-de-passe/termine/"
    holder.refresh_from_db()
    assert holder.check_password("un tout nouveau mot de passe")
    assert not LoginFailure.objects.exists()


def test_resetting_the_password_of_an_unconfirmed_account_confirms_it(visitor):
    user = User.objects.create_user("lea@example.org", "lea@example.org", "oublié")
    user.is_active = False
    user.save()
    ask_reset(visitor, "lea@example.org")
    [link] = links_in(last_email_to("lea@example.org"))

    choose(visitor, link)

    user.refresh_from_db()
    assert user.is_active


def test_a_deactivated_account_gets_no_reset_link(visitor, holder):
    holder.is_active = False
    holder.last_login = holder.date_joined
    holder.save()

    ask_reset(visitor, "marie@example.org")

    assert last_email_to("marie@example.org").kind == "password-reset-unknown"
    assert not Email.objects.filter(kind="password-reset").exists()


def test_past_the_client_limit_a_reset_sends_nothing_and_answers_the_same(
    visitor, holder, settings
):
    settings.ACCOUNT_EMAILS_PER_CLIENT_HOUR = 3
    for number in range(3):
        ask_reset(visitor, f"inconnu{number}@example.org")

    response = ask_reset(visitor, "marie@example.org")

    assert response["Location"] == "/compte/mot-de-passe/envoye/"
    assert not Email.objects.filter(to="marie@example.org").exists()
    ask_reset(visitor, "marie@example.org", REMOTE_ADDR="192.0.2.9")
    assert Email.objects.filter(to="marie@example.org", kind="password-reset").count() == 1
