"""Conditional GET for what is made of recent editions (feeds, calendars).

The ETag and Last-Modified of a response come from the ``updated_at`` of the editions of its
window, computed before the response is, so that a 304 costs one small query. The response
rendered for that version is kept (``page_cache``), as edition pages are: a calendar program
or a feed reader that asks again without a validator (many calendar programs never send one)
gets it for the same small query, not a new reading of every item of the window (a second
and a half for a département's calendar of 90 days).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import condition

from vigie.editions.models import Edition
from vigie.editions.recent import window_start
from vigie.reference.places import NATIONAL, PlaceError, parse_place
from vigie.reference.taxonomy import EDITION_RUBRICS, THEMES
from vigie.web.caching import FEED_AGE, cacheable
from vigie.web.page_cache import kept_page, page_key


@dataclass(frozen=True)
class Freshness:
    etag: str
    last_modified: datetime


def freshness(departement: str | None, days: int, path: str) -> Freshness | None:
    """Validators of a response made from the editions of a window (all places when
    ``departement`` is None); None when there is no edition at all."""
    since = window_start(days)
    if since is None:
        return None
    editions = Edition.objects.filter(date__gte=since)
    if departement is not None:
        editions = editions.filter(departement=departement)
    state = editions.aggregate(latest=Max("updated_at"), count=Count("*"))
    if state["latest"] is None:
        return None
    # The count catches a deleted edition; the path tells RSS, Atom and calendar apart.
    raw = f"{path}|{since}|{state['count']}|{state['latest'].isoformat()}|{settings.VIGIE_SITE_URL}"
    return Freshness(hashlib.sha256(raw.encode()).hexdigest()[:32], state["latest"])


def conditional(view: Callable[..., HttpResponse], scope: Callable[..., str | None | bool],
                days: int) -> Callable[..., HttpResponse]:
    """Wrap ``view`` with ETag / Last-Modified from the editions it is made of.

    ``scope(**kwargs)`` gives the place code ("" national), None for every place, or False
    when the address names nothing (the view then answers 404).
    """

    def state(request: HttpRequest, **kwargs: Any) -> Freshness | None:
        if not hasattr(request, "vigie_freshness"):
            where = scope(**kwargs)
            request.vigie_freshness = (None if where is False
                                       else freshness(where, days, request.path))
        return request.vigie_freshness

    def etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str | None:
        found = state(request, **kwargs)
        return found.etag if found else None

    def last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> datetime | None:
        found = state(request, **kwargs)
        return found.last_modified if found else None

    @condition(etag_func=etag, last_modified_func=last_modified)
    def answered(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = kept(request, *args, **kwargs)
        # Django's Feed sets its own Last-Modified (latest item); ours covers the whole window.
        del response["Last-Modified"]
        return response

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Outside ``condition``: a compressed kept page gets a weak ETag (``cacheable``).
        return cacheable(answered(request, *args, **kwargs), FEED_AGE)

    kept = kept_page(feed_version)(view)
    return wrapped


def feed_version(request: HttpRequest) -> str | None:
    """The key of a rendered feed or calendar: its validator, computed just before."""
    found = getattr(request, "vigie_freshness", None)
    return page_key("feed", found.etag) if found else None


def departement_scope(code: str) -> str | bool:
    try:
        return parse_place(code)
    except PlaceError:
        return False


def national_scope() -> str:
    return NATIONAL


def theme_scope(slug: str) -> None | bool:
    return None if slug in THEMES else False


def rubric_scope(slug: str) -> None | bool:
    return None if slug in EDITION_RUBRICS else False
