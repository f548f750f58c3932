"""The Aides-territoires API's authentication: an API key exchanged for a bearer token.

The API (``/api/aids/``) answers only requests that carry ``Authorization: Bearer <jeton>``;
the token (a JWT valid 24 hours) is obtained by posting to ``/api/connexion/`` with the API
key of the account in the ``X-AUTH-TOKEN`` header, and answered as ``{"token": "…"}``. The
key is ``VIGIE_AIDES_TERRITOIRES_KEY`` (asked for on the site, free); without it no header
is added, and the API's refusal (401) is reported as the feed's failure like any other.
Tokens are kept per host and renewed before they expire.
"""

from __future__ import annotations

import os
import threading
import time
from urllib.parse import urlsplit

import httpx

KEY_VARIABLE = "VIGIE_AIDES_TERRITOIRES_KEY"
# Paths on the API's host (not Vigie's own pages: written without their leading slash).
AIDS_PATH = "api/aids/"
CONNEXION_PATH = "api/connexion/"
LIFETIME = 23 * 3600  # seconds a token is used: it is valid 24 hours

_tokens: dict[str, tuple[str, float]] = {}  # origin → (token, obtained at)
_lock = threading.Lock()


def is_aids_api(url: str) -> bool:
    """An address of the Aides-territoires aid list (whatever its host: the tests' too)."""
    return urlsplit(url).path.lstrip("/").startswith(AIDS_PATH)


def auth_headers(client: httpx.Client, url: str) -> dict[str, str]:
    """The ``Authorization`` header a request to ``url`` needs ({} when none or no key)."""
    key = os.environ.get(KEY_VARIABLE, "").strip()
    if not key or not is_aids_api(url):
        return {}
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    with _lock:  # one exchange at a time; the others wait for its token
        token, since = _tokens.get(origin, ("", 0.0))
        if not token or time.monotonic() - since > LIFETIME:
            token = _exchange(client, origin, key)
            if token:
                _tokens[origin] = (token, time.monotonic())
    return {"Authorization": f"Bearer {token}"} if token else {}


def _exchange(client: httpx.Client, origin: str, key: str) -> str:
    """The token for ``key`` ("" when refused or unreachable: the aid request then fails
    with the API's own answer, reported with the feed)."""
    try:
        answer = client.post(f"{origin}/{CONNEXION_PATH}", headers={"X-AUTH-TOKEN": key})
        return str(answer.json().get("token", "")) if answer.status_code == 200 else ""
    except (httpx.HTTPError, ValueError, AttributeError):
        return ""


def forget() -> None:
    """Drop the tokens kept (a new key, the tests)."""
    with _lock:
        _tokens.clear()
