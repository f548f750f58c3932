"""The style sheet at its first address, /vigie.css, for pages cached before static files
were collected; the pages themselves link to the collected, hashed file that WhiteNoise
serves (see ``vigie.web.static_files``). Cached by browsers for a day."""

from __future__ import annotations

from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@cache
def _css() -> bytes:
    with open(finders.find("vigie.css"), "rb") as handle:
        return handle.read()


@require_safe
@cache_control(public=True, max_age=86400)
def stylesheet(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_css(), content_type="text/css; charset=utf-8")
