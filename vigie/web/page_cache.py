"""Rendered pages kept in a shared cache, keyed by what they are made of.

Rendering an edition (a hundred items) or a search page costs tens of milliseconds of CPU;
reading the version of what it shows costs one small query. So the home, edition and search
pages are rendered once per version and kept: in Redis when ``VIGIE_REDIS_URL`` is set (every
worker of every machine shares them), else in each process's memory. The key is made of the
version, never of a time: an edition rebuilt after a correction of the newsroom, or a search
index refreshed, makes new keys, and the next request renders afresh — nothing to invalidate.
Entries also expire (``PAGE_SECONDS``), so a new release's templates show within minutes.

The site keeps answering when Redis is down: a failing shared cache is left aside for
``RETRY_SECONDS`` and each process's memory serves meanwhile.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

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


def read(key: str) -> Any:
    cache = _cache()
    try:
        return cache.get(key)
    except Exception as error:  # Redis down or slow: the page is rendered instead
        _failed(error)
        return caches[LOCAL].get(key)


def write(key: str, value: Any) -> None:
    cache = _cache()
    try:
        cache.set(key, value, PAGE_SECONDS)
    except Exception as error:
        _failed(error)
        caches[LOCAL].set(key, value, PAGE_SECONDS)


def page_key(kind: str, *parts: object) -> str:
    """A key from the version of what a page shows (and the release and public address,
    which change links and templates)."""
    raw = "|".join(str(p) for p in (vigie.__version__, settings.VIGIE_SITE_URL, *parts))
    return f"{kind}:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


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
                content_type, body = found
                return HttpResponse(body, content_type=content_type)
            response = view(request, *args, **kwargs)
            if key and response.status_code == 200 and not response.streaming \
                    and not response.cookies:
                write(key, (response["Content-Type"], response.content))
            return response

        return wrapped

    return decorate
