"""What every answer of the site gets from the point of view of an attacker or of a busy
database: security headers, Secure cookies over HTTPS, and a 503 rather than a 500.

- Content-Security-Policy: scripts, styles, forms and fetches from the site itself only; no
  inline script or style anywhere (the pages' style sheet and script are files); images also
  as ``data:`` (the favicon); no framing, no plugins, no ``<base>``.
- Over HTTPS (directly, or behind a proxy named by VIGIE_PROXY_SSL_HEADER), every cookie the
  answer sets is marked Secure; HSTS comes from Django's SecurityMiddleware
  (VIGIE_HSTS_SECONDS), which sends it over HTTPS only.
- A database busy with a batch (SQLite's write lock held by ``vigie ingest``, a PostgreSQL
  lock) makes a writing request wait VIGIE_WEB_LOCK_WAIT seconds at most, then answer
  503 with Retry-After and a French page — never a 500 after 30 seconds.
- The site does not start with the published secret key (``config.require_secret_key``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from vigie import config

CSP = "; ".join((
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'",
    "object-src 'none'",
))
# SQLSTATEs of PostgreSQL that mean « busy, try again »: lock not available, deadlock,
# serialization failure, statement cancelled by a timeout.
_BUSY_STATES = {"55P03", "40P01", "40001", "57014"}
_BUSY_WORDS = ("database is locked", "database table is locked", "database is busy")


def is_busy(error: BaseException) -> bool:
    """Whether a database error means another writer holds a lock (try again later)."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__ or error
    return (getattr(cause, "sqlstate", None) in _BUSY_STATES
            or any(words in str(error).lower() for words in _BUSY_WORDS))


def _set_wait(milliseconds: int | None) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            default = int(settings.DATABASES["default"].get("OPTIONS", {}).get("timeout", 5))
            cursor.execute(f"PRAGMA busy_timeout = {milliseconds or default * 1000}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"SET lock_timeout = {milliseconds}" if milliseconds
                           else "RESET lock_timeout")


@contextmanager
def short_waits() -> Iterator[None]:
    """Wait at most VIGIE_WEB_LOCK_WAIT seconds for a lock held by another process."""
    _set_wait(max(1, int(settings.VIGIE_WEB_LOCK_WAIT * 1000)))
    try:
        yield
    finally:
        # The connection gone, or its transaction failed: nothing to restore.
        with suppress(DatabaseError):
            _set_wait(None)


def busy_answer(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After and a page in French (rendered without the database)."""
    response = HttpResponse(render_to_string("web/503.html", request=request), status=503,
                            content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(settings.VIGIE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class Hardening:
    """The middleware: headers and cookies of every answer, 503 when the database is busy."""

    SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        try:
            config.require_secret_key(settings.SECRET_KEY, "de servir le site",
                                      settings.SECRET_KEY_FALLBACKS)
        except config.ConfigError as error:
            raise ImproperlyConfigured(str(error)) from None
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in self.SAFE_METHODS:  # reads do not wait for writers (WAL, MVCC)
            response = self.get_response(request)
        else:
            with short_waits():
                response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        if response.status_code == 405 and not response.content:  # Django's: an empty page
            _say_not_allowed(request, response)
        if request.is_secure():
            for cookie in response.cookies.values():
                cookie["secure"] = True
        return response

    def process_exception(self, request: HttpRequest, exception: Exception
                          ) -> HttpResponse | None:
        return busy_answer(request) if is_busy(exception) else None


def _say_not_allowed(request: HttpRequest, response: HttpResponse) -> None:
    """A 405 says, in French, which methods the address takes."""
    allowed = response.get("Allow", "")
    response.content = (f"Cette adresse n'accepte pas la méthode {request.method}"
                        + (f" (acceptées : {allowed})" if allowed else "") + ".\n").encode()
    response["Content-Type"] = "text/plain; charset=utf-8"
    if response.has_header("Content-Length"):  # CommonMiddleware's, counted on the empty page
        response["Content-Length"] = str(len(response.content))
