"""The style sheet, served by Django itself: the site works with DEBUG off and without a
static files server. Cached by browsers for a day."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(public=True, max_age=86400)
def stylesheet(request: HttpRequest) -> HttpResponse:
    return HttpResponse(loader.render_to_string("web/vigie.css"),
                        content_type="text/css; charset=utf-8")
