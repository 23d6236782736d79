"""Accounts: sign-up with a confirmed email address."""

import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.tokens import verification_token
from outbox.models import Email
from outbox.services import email_queue

# Emails about an account sent to one address in an hour, at most: nobody can
# use the sign-up or reset forms to flood someone else's mailbox.
ACCOUNT_EMAIL_KINDS = [
    "verification",
    "account-exists",
    "password-reset",
    "password-reset-unknown",
]


def is_unverified(user):
    """Never confirmed: inactive and never logged in (confirming logs in)."""
    return not user.is_active and user.last_login is None


def may_email(address):
    since = timezone.now() - datetime.timedelta(hours=1)
    sent = Email.objects.filter(to__iexact=address, kind__in=ACCOUNT_EMAIL_KINDS)
    return sent.filter(created_at__gte=since).count() < settings.ACCOUNT_EMAILS_PER_HOUR


def verification_url(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = verification_token.make_token(user)
    return settings.SITE_URL + reverse("accounts:verify", args=[uid, token])


def verification_send(user):
    if may_email(user.email):
        email_queue(
            to=user.email,
            template="verification",
            context={
                "url": verification_url(user),
                "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
            },
        )


@transaction.atomic
def account_sign_up(*, email, password):
    """Create an inactive account and send the link that confirms the address.

    Whatever the address, the caller answers the same way: a sign-up with the
    address of an unconfirmed account starts over (the latest password wins),
    and the owner of a confirmed account is told by email that they already have one.
    """
    email = email.strip().lower()
    user = User.objects.select_for_update().filter(username__iexact=email).first()
    if user is None:
        user = User.objects.create_user(username=email, email=email, password=password)
        user.is_active = False
        user.save(update_fields=["is_active"])
        verification_send(user)
    elif is_unverified(user):
        user.set_password(password)
        user.save(update_fields=["password"])
        verification_send(user)
    else:
        make_password(password)  # The same delay as for a new account.
        if user.is_active and may_email(user.email):
            email_queue(
                to=user.email,
                template="account_exists",
                context={
                    "login_url": settings.SITE_URL + reverse("accounts:login"),
                    "reset_url": settings.SITE_URL + reverse("accounts:password_reset"),
                },
            )
    return user


def password_reset_request(*, email):
    """Answer a request for a new password by email to `email`: a link for each
    account of that address that may choose one, otherwise a message saying that
    no account uses the address.

    Known or unknown, the same queries run and one email is rendered and
    stored, so the delay of the answer does not tell whether an account exists.
    Unconfirmed accounts get a link too: following it proves the address.
    """
    email = email.strip()
    users = [
        user
        for user in User.objects.filter(email__iexact=email)
        if user.has_usable_password() and (user.is_active or is_unverified(user))
    ]
    if not may_email(email):
        return
    days = settings.PASSWORD_RESET_TIMEOUT // 86400
    for user in users:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        path = reverse(
            "accounts:password_reset_confirm", args=[uid, default_token_generator.make_token(user)]
        )
        email_queue(
            to=user.email,
            template="password_reset",
            context={"url": settings.SITE_URL + path, "days": days},
        )
    if not users:
        email_queue(
            to=email,
            template="password_reset_unknown",
            context={
                "signup_url": settings.SITE_URL + reverse("accounts:signup"),
                "reset_url": settings.SITE_URL + reverse("accounts:password_reset"),
            },
        )


def account_verify(*, user):
    user.is_active = True
    user.save(update_fields=["is_active"])
