import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from accounts.models import LoginFailure
from tests.mailbox import last_email_to

pytestmark = pytest.mark.django_db

RIGHT = "un mot de passe solide"


def log_in(client, username="marie@example.org", password=RIGHT, **extra):
    return client.post("/compte/connexion/", {"username": username, "password": password}, **extra)


def fail(client, times, username="marie@example.org", **extra):
    for _ in range(times):
        response = log_in(client, username, "pas le bon", **extra)
        assert response.status_code == 200


def test_a_holder_logs_in_with_her_address_in_any_case(visitor, holder):
    response = log_in(visitor, username=" Marie@Example.ORG ")

    assert response.status_code == 302
    assert response["Location"] == "/mon-espace/"
    assert visitor.get("/mon-espace/").status_code == 200


def test_a_wrong_password_is_refused_in_french(visitor, holder):
    response = log_in(visitor, password="pas le bon")

    assert "Adresse e-mail ou mot de passe incorrect." in response.content.decode()
    assert LoginFailure.objects.get().username == "marie@example.org"


def test_an_unconfirmed_account_is_told_so_and_receives_the_link_again(visitor):
    user = User.objects.create_user("lea@example.org", "lea@example.org", RIGHT)
    user.is_active = False
    user.save()

    response = log_in(visitor, username="lea@example.org")

    assert "pas encore confirmée" in response.content.decode()
    assert last_email_to("lea@example.org").kind == "verification"
    assert (
        "pas encore confirmée"
        not in log_in(visitor, "lea@example.org", "pas le bon").content.decode()
    ), "only the right password tells"


def test_five_failures_lock_the_account_even_against_the_right_password(visitor, holder):
    fail(visitor, 5)

    response = log_in(visitor)

    assert response.status_code == 200
    assert "Trop de tentatives de connexion. Réessayez dans 15 minutes" in (
        response.content.decode()
    )
    assert LoginFailure.objects.count() == 5, "locked attempts are not counted"


def test_an_unknown_account_is_locked_the_same_way(visitor, holder):
    fail(visitor, 5, username="inconnu@example.org")

    response = log_in(visitor, username="inconnu@example.org", password="peu importe")

    assert "Trop de tentatives" in response.content.decode()


def test_the_lock_ends_when_the_fifth_last_failure_is_fifteen_minutes_old(visitor, holder):
    fail(visitor, 5)
    LoginFailure.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=14))
    assert "Réessayez dans 1 minute" in log_in(visitor).content.decode()

    LoginFailure.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=15))
    response = log_in(visitor)

    assert response.status_code == 302
    assert not LoginFailure.objects.exists(), "a success clears the account's failures"


def test_the_lock_of_one_account_leaves_others_free(visitor, holder, other_holder):
    fail(visitor, 5)

    response = log_in(visitor, username="karim@example.org", password="un autre mot de passe")

    assert response.status_code == 302


def test_thirty_failures_from_one_address_lock_that_address(visitor, holder, settings):
    for number in range(30):
        log_in(visitor, username=f"essai{number}@example.org", password="x")

    blocked = log_in(visitor)
    elsewhere = log_in(visitor, REMOTE_ADDR="192.0.2.7")

    assert "Trop de tentatives" in blocked.content.decode()
    assert elsewhere.status_code == 302


def test_failures_from_one_ipv6_network_count_together(visitor, holder):
    for number in range(30):
        address = f"2001:db8:1:2::{number + 1:x}"
        log_in(visitor, username=f"essai{number}@example.org", password="x", REMOTE_ADDR=address)

    blocked = log_in(visitor, REMOTE_ADDR="2001:db8:1:2:ffff::1")
    elsewhere = log_in(visitor, REMOTE_ADDR="2001:db8:1:3::1")

    assert "Trop de tentatives" in blocked.content.decode()
    assert elsewhere.status_code == 302


def test_behind_a_proxy_the_client_address_is_read_from_the_trusted_hop(visitor, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.CLIENT_IP_TRUSTED_PROXIES = 1

    log_in(visitor, password="x", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4")

    assert LoginFailure.objects.get().ip == "198.51.100.4"


def test_the_admin_login_page_is_guarded_too(client, moderator):
    for _ in range(5):
        client.post(
            "/admin/login/?next=/admin/",
            {"username": "moderatrice", "password": "pas le bon"},
        )

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "moderatrice", "password": "un mot de passe solide"},
    )

    assert response.status_code == 200
    assert "Trop de tentatives" in response.content.decode()


def test_logging_out_takes_a_post(visitor, holder):
    visitor.force_login(holder)

    response = visitor.post("/compte/deconnexion/")

    assert response.status_code == 302
    assert visitor.get("/mon-espace/").status_code == 302
