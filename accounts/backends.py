from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User

# Its dotted path, for login() without authenticate().
BACKEND = "accounts.backends.CaseInsensitiveBackend"


def account_for_login(username):
    """The account an identifier logs in to: its email address (the username of
    every account) in any case, the exact spelling first when two differ only by case."""
    username = username.strip()
    matches = list(User.objects.filter(username__iexact=username)[:2])
    exact = [user for user in matches if user.username == username]
    return exact[0] if exact else (matches[0] if len(matches) == 1 else None)


def password_check(username, password):
    """(account or None, whether `password` is its password).

    Exactly one password hash whatever the account: unknown, active or not yet
    confirmed, so that the delay of an answer cannot tell them apart.
    """
    user = account_for_login(username)
    if user is None:
        User().set_password(password)
        return None, False
    return user, user.check_password(password)


class CaseInsensitiveBackend(ModelBackend):
    """Log in with the email address (the username of every account) in any case."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user, right = password_check(username, password)
        if right and self.user_can_authenticate(user):
            return user
        return None
