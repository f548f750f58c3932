"""Rendered pages kept in a shared cache, keyed by what they are made of.

Rendering an edition (a hundred items) or a search page costs tens of milliseconds of CPU;
reading the version of what it shows costs one small query. So the home, edition and search
pages are rendered once per version and kept: in Redis when ``VIGIE_REDIS_URL`` is set (every
worker of every machine shares them), else in each process's memory. The key is made of the
version, never of a time: an edition rebuilt after a correction of the newsroom, or a search
index refreshed, makes new keys, and the next request renders afresh — nothing to invalidate.
Entries also expire (``PAGE_SECONDS``), so a new release's templates show within minutes.

Each process also keeps the pages it served last in its own memory, in front of Redis: a key
names one version of one page, so a copy is as right as the original, and a page read often
costs no round trip. Pages are kept gzip-compressed (a tenth of the bytes to keep, move and
send) and sent so to clients that accept it (``Vary: Accept-Encoding``), unpacked for the
others. Only what every reader gets is kept: an answer setting a cookie never is.

The site keeps answering when Redis is down: a failing shared cache is left aside for
``RETRY_SECONDS`` and each process's memory serves meanwhile.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import re
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

import vigie

PAGE_SECONDS = 300
RETRY_SECONDS = 10.0
SHARED, LOCAL = "pages", "pages-local"
logger = logging.getLogger(__name__)
_down_until = 0.0  # per process: when to try the shared cache again


def _cache():
    """The shared cache, unless it failed a moment ago; then this process's memory."""
    if time.monotonic() < _down_until:
        return caches[LOCAL]
    return caches[SHARED]


def _failed(error: Exception) -> None:
    global _down_until
    _down_until = time.monotonic() + RETRY_SECONDS
    logger.warning("cache des pages partagé injoignable (%s) : mémoire locale pendant %.0f s",
                   type(error).__name__, RETRY_SECONDS)


def _shared_is_local() -> bool:
    """Without Redis, the shared cache is this process's memory itself."""
    return settings.CACHES[SHARED] is settings.CACHES[LOCAL] or (
        settings.CACHES[SHARED].get("LOCATION") == settings.CACHES[LOCAL].get("LOCATION")
        and settings.CACHES[SHARED]["BACKEND"] == settings.CACHES[LOCAL]["BACKEND"])


def read(key: str) -> Any:
    """The page kept under ``key``: this process's copy, else the shared one (then copied)."""
    found = caches[LOCAL].get(key)
    if found is not None or _shared_is_local():
        return found
    cache = _cache()
    if cache is caches[LOCAL]:
        return None
    try:
        found = cache.get(key)
    except Exception as error:  # Redis down or slow: the page is rendered instead
        _failed(error)
        return None
    if found is not None:
        caches[LOCAL].set(key, found, PAGE_SECONDS)
    return found


def write(key: str, value: Any) -> None:
    caches[LOCAL].set(key, value, PAGE_SECONDS)
    if _shared_is_local():
        return
    cache = _cache()
    if cache is caches[LOCAL]:
        return
    try:
        cache.set(key, value, PAGE_SECONDS)
    except Exception as error:
        _failed(error)


def page_key(kind: str, *parts: object) -> str:
    """A key from the version of what a page shows (and the release and public address,
    which change links and templates)."""
    raw = "|".join(str(p) for p in (vigie.__version__, settings.VIGIE_SITE_URL, *parts))
    return f"{kind}:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


_GZIP = re.compile(r"\bgzip\b")


def accepts_gzip(request: HttpRequest) -> bool:
    return bool(_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


# Headers of a page kept with it (a calendar's file name, an edition's last change, the
# API's openness to every origin).
KEPT_HEADERS = ("Content-Disposition", "Last-Modified", "Access-Control-Allow-Origin")


def pack(response: HttpResponse) -> tuple[str, bytes, tuple[tuple[str, str], ...]]:
    """What is kept of a page: its type, its body, compressed, and ``KEPT_HEADERS``."""
    headers = tuple((name, response[name]) for name in KEPT_HEADERS if response.has_header(name))
    return (response["Content-Type"], gzip.compress(response.content, compresslevel=6, mtime=0),
            headers)


def unpack(request: HttpRequest, kept: tuple) -> HttpResponse:
    """A kept page as the client takes it: compressed if it accepts gzip, else plain. (A page
    kept by an earlier release has no headers.)"""
    content_type, packed, *headers = kept
    if accepts_gzip(request):
        response = HttpResponse(packed, content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(packed), content_type=content_type)
    for name, value in headers[0] if headers else ():
        response[name] = value
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def keepable(response: HttpResponse) -> bool:
    """The same for every reader: a whole successful page, setting no cookie."""
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and not response.has_header("Content-Encoding"))


def kept_page(version: Callable[[HttpRequest], str | None]
              ) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A view decorator: a successful page is kept under ``version(request)`` and served
    from there while the version holds (None: not kept)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            key = version(request)
            found = read(key) if key else None
            if found is not None:
                return unpack(request, found)
            response = view(request, *args, **kwargs)
            if not key or not keepable(response):
                return response
            kept = pack(response)
            write(key, kept)
            return unpack(request, kept)

        return wrapped

    return decorate
