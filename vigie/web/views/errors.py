"""Error pages in French (used with DEBUG off, as in production)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    body = loader.render_to_string("web/404.html", {"path": request.path}, request)
    return HttpResponseNotFound(body)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: whatever failed must not fail again while showing the error.
    return HttpResponseServerError(loader.render_to_string("web/500.html"))
