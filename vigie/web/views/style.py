"""The style sheet at its first address, /vigie.css, for pages cached before static files
were collected; the pages themselves link to the collected, hashed file that WhiteNoise
serves (see ``vigie.web.static_files``). Cached by browsers for a day.

And the site's icon at /favicon.ico, where browsers ask for it when they show a feed, a
calendar or the API's JSON (the pages carry it inline): each such visit logged a 404."""

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


# The icon the pages carry inline (``web/base.html``): a white « V » on the masthead's blue.
ICON = (b"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><rect width='32' "
        b"height='32' fill='#12284c'/><text x='16' y='24' font-size='22' text-anchor='middle' "
        b"fill='white' font-family='Georgia,serif' font-weight='bold'>V</text></svg>")


@require_safe
@cache_control(public=True, max_age=7 * 86400)
def favicon(request: HttpRequest) -> HttpResponse:
    return HttpResponse(ICON, content_type="image/svg+xml")
