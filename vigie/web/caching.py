"""How long browsers and proxies may keep what the site serves, and validators computed
before rendering.

Every successful page, feed, calendar and API answer says ``Cache-Control: public`` with a
``max-age`` (editions change when a new delivery is analysed, a few times a day at most);
an ETag lets a client revalidate for a 304. Editions compute theirs from the editions of
their place before rendering (a 304 costs one small query), and the page rendered for that
version is kept (``page_cache``): a correction rebuilds the edition, so changes the version,
so shows at once. Other answers get one from
their content (``ConditionalGetMiddleware``). Pages that depend on the reader's chosen
département vary on the cookie.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import condition

from vigie.editions.models import Edition
from vigie.reference.places import NATIONAL, PlaceError, parse_place
from vigie.web.page_cache import kept_page, page_key
from vigie.web.views.common import COOKIE, chosen_departement, place_in_address

PAGE_AGE = 300  # editions, texts, archives
SEARCH_AGE = 60
DATA_AGE = 300  # JSON API
FEED_AGE = 900  # feeds and calendars: readers poll them


def cacheable(response: HttpResponse, seconds: int, *, cookie: bool = False) -> HttpResponse:
    """Mark a successful answer as cacheable for ``seconds``."""
    if response.status_code == 200 and not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=seconds)
    if cookie:
        patch_vary_headers(response, ["Cookie"])
    etag = response.get("ETag", "")
    if response.has_header("Content-Encoding") and etag.startswith('"'):
        # Compressed, the bytes differ from the plain page's: a weak validator (as Django's
        # GZipMiddleware makes it), still good for a 304.
        response["ETag"] = f"W/{etag}"
    return response


def cached(seconds: int, *, cookie: bool = False) -> Callable:
    """A view decorator: ``cacheable`` on what the view answers."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            return cacheable(view(request, *args, **kwargs), seconds, cookie=cookie)

        return wrapped

    return decorate


def _places(request: HttpRequest, place: str | None) -> list[str]:
    """The places whose editions an edition page (or the home page, ``place`` None) shows."""
    if place is None:
        return [chosen_departement(request), NATIONAL]
    return [place_in_address(place)]


def edition_state(places: list[str]) -> tuple[int, object]:
    """How many editions these places have, and their latest change: what every kept edition
    page costs. Written out: the ORM's building of this aggregate cost several times the
    query. COUNT(*), not COUNT(id): the index on (departement, date, updated_at) answers
    alone, without reading the rows."""
    table = connection.ops.quote_name(Edition._meta.db_table)
    marks = ", ".join(["%s"] * len(places))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX(updated_at) FROM {table} "
                       f"WHERE departement IN ({marks})", places)
        return cursor.fetchone()


def edition_etag(request: HttpRequest, day: str | None = None,
                 place: str | None = None) -> str:
    """The editions of the page's places (their number and latest change: neighbours and
    content), the chosen département, the public address."""
    count, latest = edition_state(_places(request, place))
    raw = (f"{request.path}|{request.COOKIES.get(COOKIE, '')}|{count}|{latest or ''}|"
           f"{settings.VIGIE_SITE_URL}")
    request.vigie_page_version = raw  # the rendered page is kept under it (``page_cache``)
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def edition_version(request: HttpRequest) -> str | None:
    """The key of a rendered edition page: its ETag's inputs, computed just before."""
    raw = getattr(request, "vigie_page_version", None)
    return page_key("edition", raw) if raw is not None else None


def api_edition_version(request: HttpRequest) -> str | None:
    """The key of an edition's JSON (``/api/editions/DAY/PLACE/``): the editions of its place,
    as for the page (no cookie: the API reads none); None for an unknown place (a 404)."""
    try:
        place = parse_place(request.resolver_match.kwargs["departement"], national=True)
    except PlaceError:
        return None
    count, latest = edition_state([place])
    return page_key("api-edition", request.path, count, latest or "")


def edition_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ETag before rendering, Cache-Control, Vary: Cookie — for the home and edition pages;
    the page rendered once per version of its editions (``page_cache``)."""
    return cached(PAGE_AGE, cookie=True)(
        condition(etag_func=edition_etag)(kept_page(edition_version)(view)))
