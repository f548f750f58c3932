"""Signing in and out, and resetting a forgotten password by e-mail.

Sign-in failures are counted atomically per account and per client address (the throttle of
the subscription pages: one serialised transaction per bucket), so that parallel guesses
cannot pass the limit together; a sign-in that succeeds clears its account's count. Only
editors may sign in. Reset requests are limited like sign-ups, and the answer never says
whether an address has an account.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.urls import reverse_lazy

from vigie.mailing.subscribing import throttle
from vigie.redaction.access import is_editor, post_only, private

TOO_MANY = ("Trop de tentatives de connexion : réessayez dans quelques minutes, ou demandez un "
            "nouveau mot de passe.")


class SignInForm(AuthenticationForm):
    username = forms.EmailField(label="Adresse électronique", max_length=254,
                                widget=forms.EmailInput(attrs={"autocomplete": "username",
                                                               "autofocus": True}))
    error_messages = {
        "invalid_login": "Adresse ou mot de passe incorrect.",
        "inactive": "Ce compte n'est pas ouvert à la rédaction.",
        "throttled": TOO_MANY,
    }

    def clean(self) -> dict[str, Any]:
        email = (self.cleaned_data.get("username") or "").strip().lower()
        password = self.cleaned_data.get("password")
        if email and password:
            account = throttle.bucket("login", email)
            client = throttle.bucket("login-client", throttle.client_address(self.request))
            window = settings.VIGIE_LOGIN_WINDOW
            if not (throttle.allow(account, settings.VIGIE_LOGIN_LIMIT, window)
                    and throttle.allow(client, settings.VIGIE_LOGIN_CLIENT_LIMIT, window)):
                raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
            self.user_cache = authenticate(self.request, username=email, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
            throttle.clear(account)
        return self.cleaned_data

    def confirm_login_allowed(self, user: Any) -> None:
        if not is_editor(user):
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")


class ResetForm(PasswordResetForm):
    email = forms.EmailField(label="Adresse électronique", max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def get_users(self, email: str) -> Any:
        return (user for user in super().get_users(email) if is_editor(user))

    def save(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        email = self.cleaned_data["email"]
        if request is not None and not (throttle.allow_client(request)
                                        and throttle.allow_address(email)):
            return  # over the limit: nothing sent, and the page says the same as ever
        super().save(*args, request=request, **kwargs)


sign_in = private(views.LoginView.as_view(
    template_name="redaction/connexion.html", authentication_form=SignInForm,
    redirect_authenticated_user=True))
sign_out = post_only(views.LogoutView.as_view(next_page=reverse_lazy("redaction:login")))
reset = private(views.PasswordResetView.as_view(
    template_name="redaction/mot_de_passe.html", form_class=ResetForm,
    email_template_name="redaction/mot_de_passe_courriel.txt",
    subject_template_name="redaction/mot_de_passe_objet.txt",
    success_url=reverse_lazy("redaction:reset-sent"),
    extra_email_context={"site": settings.VIGIE_SITE_URL}))
reset_sent = private(views.PasswordResetDoneView.as_view(
    template_name="redaction/mot_de_passe_envoye.html"))
reset_confirm = private(views.PasswordResetConfirmView.as_view(
    template_name="redaction/mot_de_passe_nouveau.html",
    success_url=reverse_lazy("redaction:reset-done")))
reset_done = private(views.PasswordResetCompleteView.as_view(
    template_name="redaction/mot_de_passe_change.html"))
