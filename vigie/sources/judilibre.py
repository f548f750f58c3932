"""The Judilibre API (Cour de cassation) through the PISTE gateway: one page of its export.

``GET <base>/export`` answers a page (« lot ») of decisions: ``batch`` (from 0) and
``batch_size`` (at most 1000) choose it; ``date_type=update`` with ``date_start`` and
``date_end`` (inclusive days) keep the decisions changed in that span, sorted by that date
(``order=asc``); ``jurisdiction`` is repeated once per court (``cc``, ``ca``, ``tj``…). The
answer is ``{"batch", "batch_size", "total", "next_batch", "results": [...]}``, ``next_batch``
null on the last page. Each request carries the application's key in ``KeyId``
(``VIGIE_JUDILIBRE_KEY``, from piste.gouv.fr); the key never follows a redirect.

Failures are French ``SourceError``: a refused key (401, 403) names the variable; a busy or
failing server (429, 5xx) and the network are tried again with growing delays (the server's
``Retry-After`` when it gives one), then given up (``GaveUp``). A page is read up to the
caller's limit, no further (``PageTooBig``, with the opening read: the caller asks for its
decisions again in smaller pages, ``smaller_size``).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from datetime import date

import httpx

from .fetch import GaveUp
from .http import (
    Sleep,
    SourceError,
    retry_after,
    retry_delay,
    transport_reason,
    unreachable,
    user_agent,
)
from .members import MAX_FILE_BYTES, megabytes

KEY_VARIABLE = "VIGIE_JUDILIBRE_KEY"
EXPORT_PATH = "export"
MAX_BATCH_SIZE = 1000  # the API's limit
HEAD_KEPT = 65536  # of a page too big: its opening, where its first decision's id shows


class KeyRefused(SourceError):
    """Judilibre refused the key (401, 403): nothing will pass until it is fixed."""


class PageTooBig(SourceError):
    """A page larger than a file Vigie reads: asked again whole, it would be as large (its
    decisions are asked again in smaller pages). ``head``: the page's opening as read, where
    the answer's ``total`` and its first decision's ``id`` show."""

    def __init__(self, message: str, head: bytes = b"") -> None:
        super().__init__(message)
        self.head = head


def api_key() -> str:
    """The PISTE application's key (``VIGIE_JUDILIBRE_KEY``), "" when none is configured."""
    return os.environ.get(KEY_VARIABLE, "").strip()


@dataclass(frozen=True)
class ExportQuery:
    """The decisions changed (``update``) or given (``creation``) from ``start`` to ``end``."""

    base_url: str
    start: date
    end: date
    jurisdictions: tuple[str, ...] = ("cc", "ca", "tj")
    batch_size: int = 100
    date_type: str = "update"

    @property
    def url(self) -> str:
        return f"{self.base_url.rstrip('/')}/{EXPORT_PATH}"

    def resized(self, size: int) -> ExportQuery:
        """The same query paged by ``size`` decisions."""
        return replace(self, batch_size=size)

    def params(self, batch: int) -> list[tuple[str, str]]:
        """The query string of page ``batch`` (``jurisdiction`` once per court)."""
        return [("batch", str(batch)), ("batch_size", str(min(self.batch_size, MAX_BATCH_SIZE))),
                ("date_start", self.start.isoformat()), ("date_end", self.end.isoformat()),
                ("date_type", self.date_type), ("order", "asc"),
                ("resolve_references", "true"),
                *(("jurisdiction", code) for code in self.jurisdictions)]


def fetch_batch(client: httpx.Client, query: ExportQuery, batch: int, *, key: str,
                retries: int = 5, backoff: float = 1.0, sleep: Sleep = time.sleep,
                max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The body of page ``batch`` of ``query``; raises ``SourceError`` (``KeyRefused``,
    ``GaveUp`` after ``retries`` failed attempts in a row) with a French message."""
    headers = {"KeyId": key, "Accept": "application/json", "User-Agent": user_agent(client)}
    failures, final = 0, False
    while True:
        try:
            with client.stream("GET", query.url, params=query.params(batch), headers=headers,
                               follow_redirects=False) as response:
                if response.status_code == 200:
                    return _bounded_body(response, batch, max_bytes)
                refused(response, batch)
                reason, wait = f"réponse HTTP {response.status_code}", retry_after(response)
        except httpx.RequestError as error:
            reason, wait = transport_reason(error), None
            final = unreachable(error)  # within ``impatient``: once is enough
        failures += 1
        if failures > retries or final:
            raise GaveUp(f"Judilibre : lot {batch} abandonné après {failures} échec(s) "
                         f"consécutif(s) : {reason}.")
        sleep(retry_delay(backoff, failures, wait))


def _bounded_body(response: httpx.Response, batch: int, limit: int) -> bytes:
    """The page as received, never more than ``limit`` bytes in memory (the caller's
    ``VIGIE_INGEST_MAX_FILE_MB``, the limit the page is then stored under): past it, the
    reading stops and the page is refused with its opening (``PageTooBig``)."""
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limit:
            raise PageTooBig(f"Judilibre : le lot {batch} dépasse {megabytes(limit)} "
                             "(VIGIE_INGEST_MAX_FILE_MB).", bytes(body[:HEAD_KEPT]))
    return bytes(body)


def smaller_size(size: int) -> int:
    """The largest page size below ``size`` whose pages cover a page of ``size`` exactly: the
    export pages by offset (``batch × batch_size``), so page k of 100 decisions is pages 2k
    and 2k+1 of 50, page k of 3 is pages 3k to 3k+2 of 1; 0 for a page of one decision."""
    for factor in range(2, size + 1):
        if size % factor == 0:
            return size // factor
    return 0


def refused(response: httpx.Response, batch: int) -> None:
    """Raise the French error of an answer not worth asking again (429 and 5xx are)."""
    status = response.status_code
    if status in (401, 403):
        raise KeyRefused(
            f"Judilibre refuse l'accès (HTTP {status}) : vérifiez {KEY_VARIABLE}, la clé "
            "(KeyId) d'une application PISTE abonnée à l'API Judilibre (une clé du bac à "
            "sable ne vaut que pour sandbox-api.piste.gouv.fr, voir VIGIE_JUDILIBRE_URL).")
    if status == 429 or status >= 500:
        return
    if 300 <= status < 400:
        raise SourceError(f"Judilibre : redirection inattendue (HTTP {status}) pour le lot "
                          f"{batch}, non suivie (la clé n'est envoyée qu'à VIGIE_JUDILIBRE_URL).")
    raise SourceError(f"Judilibre a répondu HTTP {status} pour le lot {batch} : demande "
                      "refusée (adresse VIGIE_JUDILIBRE_URL ou paramètres à vérifier).")
