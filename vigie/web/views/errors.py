"""Error pages in French (used with DEBUG off, as in production)."""

from __future__ import annotations

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    body = loader.render_to_string("web/404.html", {"path": request.path}, request)
    return HttpResponseNotFound(body)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A request Django refused: an unknown ``Host`` (the request cannot even say its own
    address: no request context), a form too big or with too many fields."""
    return HttpResponseBadRequest(loader.render_to_string("web/400.html"))


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponseForbidden(loader.render_to_string("web/403.html"))


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: whatever failed must not fail again while showing the error.
    return HttpResponseServerError(loader.render_to_string("web/500.html"))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check (``CSRF_FAILURE_VIEW``): expired, cookies blocked, or
    sent from another site; said in French, nothing recorded."""
    body = loader.render_to_string("web/403_csrf.html", {}, request)
    response = HttpResponseForbidden(body)
    response["Cache-Control"] = "no-store"
    return response
