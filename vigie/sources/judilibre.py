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

from .http import Sleep, SourceError, user_agent
from .members import MAX_FILE_BYTES, megabytes
from .patient_get import Asked, get_whole

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
    ``GaveUp`` after ``retries`` failed attempts in a row) with a French message. The page is
    read up to ``max_bytes`` (the caller's ``VIGIE_INGEST_MAX_FILE_MB``, the limit the page is
    then stored under): past it, the page is refused with its opening (``PageTooBig``)."""
    asked = Asked(
        query.url, query.params(batch),
        {"KeyId": key, "Accept": "application/json", "User-Agent": user_agent(client)},
        refuse=lambda response: refused(response, batch),
        too_big=lambda read: PageTooBig(f"Judilibre : le lot {batch} dépasse "
                                        f"{megabytes(max_bytes)} (VIGIE_INGEST_MAX_FILE_MB).",
                                        read[:HEAD_KEPT]),
        gave_up=lambda failures, reason: (f"Judilibre : lot {batch} abandonné après {failures} "
                                          f"échec(s) consécutif(s) : {reason}."),
        options={"follow_redirects": False})  # the key never follows a redirect
    return get_whole(client, asked, max_bytes=max_bytes, retries=retries, backoff=backoff,
                     sleep=sleep)


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
