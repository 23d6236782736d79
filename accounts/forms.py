from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import lockout
from accounts.limits import account_email_allowed
from accounts.services import is_unverified, password_reset_request, verification_send


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        help_text=_("Vous y recevrez un lien pour confirmer votre compte."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        help_text=password_validation.password_validators_help_text_html(),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Mot de passe, à nouveau"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned_data = super().clean()
        password, again = cleaned_data.get("password"), cleaned_data.get("password_again")
        if password and again and password != again:
            self.add_error(
                "password_again",
                ValidationError(
                    _("Les deux mots de passe sont différents."), code="password_mismatch"
                ),
            )
        elif password and cleaned_data.get("email"):
            email = cleaned_data["email"]
            candidate = User(username=email, email=email)
            try:
                password_validation.validate_password(password, candidate)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned_data


class LockoutMixin:
    """Authentication under the brute-force guard (accounts.lockout)."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            user, outcome = lockout.login_attempt(self.request, username, password)
            if outcome == "locked":
                minutes = lockout.minutes_left(self.request.login_locked_until)
                raise ValidationError(
                    ngettext(
                        "Trop de tentatives de connexion. Réessayez dans %(minutes)d minute, "
                        "ou choisissez un nouveau mot de passe.",
                        "Trop de tentatives de connexion. Réessayez dans %(minutes)d minutes, "
                        "ou choisissez un nouveau mot de passe.",
                        minutes,
                    ),
                    code="locked",
                    params={"minutes": minutes},
                )
            if outcome == "unverified":
                verification_send(user)
                raise ValidationError(
                    _(
                        "Votre adresse n’est pas encore confirmée. Nous venons de vous "
                        "renvoyer le lien de confirmation par e-mail."
                    ),
                    code="unverified",
                )
            if user is None:
                raise self.get_invalid_login_error()
            self.user_cache = user
            self.confirm_login_allowed(user)
        return self.cleaned_data


class LoginForm(LockoutMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Adresse e-mail ou mot de passe incorrect."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Adresse e-mail")
        self.fields["username"].widget.attrs["autocomplete"] = "email"


class AdminLoginForm(LockoutMixin, AdminAuthenticationForm):
    pass


class ResetForm(PasswordResetForm):
    """Django's password reset form, answered through the outbox
    (accounts.services.password_reset_request). Past the limits of
    accounts/limits.py nothing is sent, and the answer stays the same.
    """

    def save(self, *args, request=None, **kwargs):
        if request is not None and not account_email_allowed(request, "reset"):
            return
        password_reset_request(email=self.cleaned_data["email"])


class ConfirmResetForm(SetPasswordForm):
    def save(self, commit=True):
        user = super().save(commit=False)
        fields = ["password"]
        if is_unverified(user):
            user.is_active = True
            fields.append("is_active")
        if commit:
            user.save(update_fields=fields)
            lockout.clear_failures(user.username)
        return user
