from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from accounts.backends import BACKEND
from accounts.forms import SignUpForm
from accounts.limits import account_email_allowed
from accounts.services import account_sign_up, account_verify, is_unverified
from accounts.space import space_context
from accounts.tokens import verification_token


def _get_user_from_link(uidb64):
    try:
        return User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None


@sensitive_post_parameters("password", "password_again")
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:space")
    if request.method == "POST":
        form = SignUpForm(request.POST)
        if form.is_valid():
            if not account_email_allowed(request, "signup"):
                return render(request, "accounts/too_many_emails.html", status=429)
            account_sign_up(
                email=form.cleaned_data["email"], password=form.cleaned_data["password"]
            )
            # The same answer whether the address had an account or not.
            request.session["signup_email"] = form.cleaned_data["email"]
            return redirect("accounts:signup_done")
    else:
        form = SignUpForm()
    return render(request, "accounts/signup.html", {"form": form})


def signup_done(request):
    ctx = {"email": request.session.get("signup_email", "")}
    return render(request, "accounts/signup_done.html", ctx)


def verify(request, uidb64, token):
    user = _get_user_from_link(uidb64)
    if user is None or not verification_token.check_token(user, token):
        already = user is not None and user.is_active
        ctx = {"already": already}
        return render(request, "accounts/verify_failed.html", ctx, status=400)
    if is_unverified(user):
        account_verify(user=user)
    login(request, user, backend=BACKEND)
    messages.success(request, _("Votre adresse est confirmée : bienvenue sur votre espace."))
    return redirect("accounts:space")


@login_required
def space(request):
    return render(request, "accounts/space.html", space_context(request.user))
