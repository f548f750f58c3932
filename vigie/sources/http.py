"""What every HTTP connector of the ``sources`` stage shares: Vigie's client and user agent,
French messages for network failures, retry delays (and ``impatient``: a server that cannot
be reached is not asked again), ``Content-Range`` and a progress bar.

Used by the DILA connector (:mod:`vigie.sources.dila`), the conditional downloads of the
Assemblée and the Sénat (:mod:`vigie.sources.fetch`) and the retrying reads of Judilibre and
Cellar (:mod:`vigie.sources.patient_get`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpx
from tqdm import tqdm

from vigie.sources.public import NotPublic

# ASCII only: HTTP header values cannot carry « é » portably (httpx refuses it).
USER_AGENT = "Vigie/0.1 (+veille des collectivites)"
MAX_DELAY = 300.0

Sleep = Callable[[float], None]
_IMPATIENT: ContextVar[bool] = ContextVar("vigie_impatient", default=False)


class SourceError(Exception):
    """A remote source cannot be listed or downloaded; ``str(error)`` is a French message;
    ``status``: the HTTP status that said so, when an answer did (a listing: 404, 403…)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def make_client(*, timeout: float = 60.0, connect_timeout: float = 15.0) -> httpx.Client:
    """An HTTP client with Vigie's user agent, timeouts, and redirects followed."""
    return httpx.Client(
        headers={"User-Agent": USER_AGENT},
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        follow_redirects=True,
    )


@contextmanager
def client_or_own(client: httpx.Client | None, timeout: float) -> Iterator[httpx.Client]:
    """The caller's client (left open), or one of our own for the duration."""
    if client is not None:
        yield client
        return
    with make_client(timeout=timeout) as own:
        yield own


def user_agent(http: httpx.Client) -> str:
    """Keep a user agent set by the caller's client, replace httpx's default one."""
    current = http.headers.get("User-Agent", "")
    return USER_AGENT if not current or current.startswith("python-httpx") else current


@contextmanager
def progress_bar(name: str, progress: bool) -> Iterator[tqdm]:
    """« Téléchargement de <name> » on a terminal's standard error, nothing elsewhere."""
    enabled = progress and sys.stderr is not None and sys.stderr.isatty()
    bar = tqdm(
        desc=download_label(name), unit="o", unit_scale=True, unit_divisor=1024,
        file=sys.stderr, disable=not enabled, leave=True, dynamic_ncols=True,
    )
    try:
        yield bar
    finally:
        bar.close()


def download_label(name: str) -> str:
    return f"Téléchargement de {name}"


@contextmanager
def impatient(on: bool = True) -> Iterator[None]:
    """Within (``on``): a server that cannot be reached at all is not asked again
    (``unreachable``) — ``vigie run``, someone waiting for the site on a machine maybe
    without network, not the morning's runs, which wait for a server being restarted. A
    timeout or an error answer (429, 5xx) is asked again all the same."""
    token = _IMPATIENT.set(on)
    try:
        yield
    finally:
        _IMPATIENT.reset(token)


def unreachable(error: Exception) -> bool:
    """True, within ``impatient``, when ``error`` says no connection could be made (refused,
    unknown server name, no route: no network), or none within the connection timeout: the
    attempts that remain would say the same, after a minute for the Parliament's files."""
    return _IMPATIENT.get() and isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout))


def busy(status: int, wait: float | None) -> tuple[str, bool]:
    """The reason said for a busy answer (429, 5xx) and whether it ends this run's attempts:
    a ``Retry-After`` beyond ``MAX_DELAY`` is not waited for (twice five minutes held the
    morning for nothing), the next run asks again."""
    if wait and wait > MAX_DELAY:
        return f"réponse HTTP {status}, nouvel essai demandé dans {wait:.0f} s", True
    return f"réponse HTTP {status}", False


def retry_delay(backoff: float, failures: int, wait: float | None) -> float:
    """Seconds before the next attempt: doubling from ``backoff``, or the server's wait."""
    delay = min(backoff * 2 ** (failures - 1), MAX_DELAY)
    return max(delay, min(wait, MAX_DELAY)) if wait else delay


def transport_reason(error: httpx.RequestError) -> str:
    """Why a request failed, in French: the network (``TransportError``), or what the
    server's answers did (a redirect loop, a body its ``Content-Encoding`` cannot read)."""
    if isinstance(error, httpx.TooManyRedirects):
        return "trop de redirections : le serveur renvoie d'adresse en adresse, sans fin"
    if isinstance(error, httpx.DecodingError):
        return "réponse illisible (contenu compressé abîmé)"
    if isinstance(error, httpx.TimeoutException):
        return "délai d'attente dépassé"
    if isinstance(error, httpx.ConnectError):
        return "connexion au serveur impossible"
    if isinstance(error, NotPublic):  # what a feed named (redirect, page) on a private address
        return str(error)
    if isinstance(error, httpx.UnsupportedProtocol):  # a redirect to file://, ftp://…
        return ("adresse refusée (redirection vers une adresse autre que http:// ou "
                "https://)")
    return "connexion interrompue"


def retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    return float(value) if value.isdigit() else None


_CONTENT_RANGE = re.compile(r"^bytes\s+(?:(\d+)-(\d+)|\*)/(\d+|\*)$")


def content_range(header: str | None) -> tuple[int | None, int | None]:
    """``bytes 100-199/200`` → ``(100, 200)``; unknown parts are ``None``."""
    match = _CONTENT_RANGE.match((header or "").strip())
    if not match:
        return None, None
    start, total = match.group(1), match.group(3)
    return (int(start) if start else None), (int(total) if total and total != "*" else None)
