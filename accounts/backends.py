from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User


class CaseInsensitiveBackend(ModelBackend):
    """Log in with the email address (the username of every account) in any case."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        matches = list(User.objects.filter(username__iexact=username.strip())[:2])
        exact = [user for user in matches if user.username == username.strip()]
        user = exact[0] if exact else (matches[0] if len(matches) == 1 else None)
        if user is None:
            # Spend the time a password check takes, so that unknown accounts
            # cannot be told from known ones by the delay (as ModelBackend does).
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
