"""Who may open the back office: editors (``is_staff``) and administrators
(``is_superuser``); everyone else is sent to the sign-in page or refused.

Answers are never cached (``no-store``): they show a signed-in editor's work. An action
(``post_only``) opened as a page — a reload, a link kept — says so in French (405).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

View = Callable[..., HttpResponse]


def is_editor(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_staff
                                                             or user.is_superuser))


def private(view: View) -> View:
    """The answer is for the signed-in editor only: never kept by a cache."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapped


def _guarded(allowed: Callable[[Any], bool], refusal: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @private
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):  # a page of the back office, in French, saying why
                return render(request, "redaction/refus.html", {
                    "refusal": refusal, "is_editor": is_editor(request.user)}, status=403)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


editor_required = _guarded(is_editor, "Réservé à la rédaction.")
admin_required = _guarded(lambda user: is_editor(user) and user.is_superuser,
                          "Réservé aux administrateurs de la rédaction.")


def post_only(view: View) -> View:
    """An action, sent by a form (POST); opened as a page, a French page says so, with the
    way back, and nothing is done."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            return view(request, *args, **kwargs)
        response = render(request, "redaction/action.html", {
            "is_editor": is_editor(request.user)}, status=405)
        response["Allow"] = "POST"
        add_never_cache_headers(response)
        return response

    return wrapped
