from django.contrib.auth.tokens import PasswordResetTokenGenerator


class VerificationTokenGenerator(PasswordResetTokenGenerator):
    """Links that confirm an email address.

    A link stops working once the account is active, or when a new sign-up with
    the same address changes the password: only the latest sign-up can be confirmed.
    """

    key_salt = "accounts.tokens.VerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.password}{user.is_active}{timestamp}{user.email}"


verification_token = VerificationTokenGenerator()
