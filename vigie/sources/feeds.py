"""Fetching the feeds Vigie follows, politely and only when they changed.

Each feed is asked with a conditional request (``If-None-Match`` / ``If-Modified-Since``
from its last answer): a 304 costs the source nothing. Redirects are followed and a permanent
one (301, 308) is reported, so that the stored address moves; a 410 says the feed is gone.
Politeness: one request at a time per host, at least ``host_delay`` seconds apart; hosts are
fetched side by side (``workers``). Answers are handed over as they arrive, in any order; a
feed that fails gives an answer with its French error, and the others go on.

``file://`` addresses are read from the disk (the demo, tests), with the file's time as
``Last-Modified``. Bytes only: reading them is the parsing stage's job, whose reader
``fetch_and_read`` may be handed to run in the fetching threads.
"""

from __future__ import annotations

import logging
import os
import queue
import ssl
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from email.utils import formatdate
from functools import cache
from typing import TypeVar
from urllib.parse import unquote, urlsplit

import certifi
import httpx

from vigie.reference.system_errors import os_reason
from vigie.sources.aides_territoires import auth_headers
from vigie.sources.http import USER_AGENT, transport_reason
from vigie.sources.members import megabytes
from vigie.sources.pace import TooSlow, within
from vigie.sources.public import ONLY_PUBLIC, refuse_private

logger = logging.getLogger("vigie.feeds")
MAX_BYTES = 10 * 1024 * 1024  # a feed or a page larger than this is refused
PERMANENT = (301, 308)
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Request:
    url: str
    etag: str = ""
    last_modified: str = ""
    # The address the operator chose (a feed's: for the feed itself, or the page of one of
    # its items): besides its own host and port, only public addresses are fetched, at every
    # redirect too (``public``). Empty: no such limit.
    chosen: str = ""


@dataclass(frozen=True)
class Answer:
    """What a source answered (``status`` 0: no answer, see ``error``)."""

    url: str  # as asked
    status: int
    final_url: str = ""  # after redirects
    moved: bool = False  # a permanent redirect led to ``final_url``
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""
    error: str = ""  # French, when the feed could not be fetched

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def gone(self) -> bool:
        return self.status == 410

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300 and not self.error


def _conditional(request: Request) -> dict[str, str]:
    headers = {}
    if request.etag:
        headers["If-None-Match"] = request.etag
    if request.last_modified:
        headers["If-Modified-Since"] = request.last_modified
    return headers


def _read_file(request: Request) -> Answer:
    path = unquote(urlsplit(request.url).path)
    try:
        stamp = formatdate(os.stat(path).st_mtime, usegmt=True)
        if request.last_modified == stamp:
            return Answer(request.url, 304, request.url, last_modified=stamp)
        with open(path, "rb") as handle:
            body = handle.read(MAX_BYTES + 1)
    except OSError as error:
        return Answer(request.url, 0, error=f"fichier illisible ({os_reason(error)})")
    if len(body) > MAX_BYTES:
        return Answer(request.url, 0, error=too_big())
    return Answer(request.url, 200, request.url, body=body, last_modified=stamp)


def too_big() -> str:
    """Why an answer over ``MAX_BYTES`` (a feed, an item's page) is refused, and what to
    check: the limit is no setting, a feed weighs a few hundred kilobytes."""
    return (f"réponse de plus de {megabytes(MAX_BYTES)} (la limite de Vigie pour un flux ou "
            "une page), refusée sans être lue : vérifiez l'adresse (un export complet plutôt "
            "que le flux ?)")


def fetch(client: httpx.Client, request: Request) -> Answer:
    """One conditional GET; never raises for what the network or the server did."""
    if request.url.startswith("file://"):
        return _read_file(request)
    try:
        headers = _conditional(request) | auth_headers(client, request.url)
        extensions = {ONLY_PUBLIC: request.chosen} if request.chosen else None
        with client.stream("GET", request.url, headers=headers,
                           extensions=extensions) as response:
            body = b""
            if response.status_code == 200:
                for chunk in within(response.iter_bytes()):
                    body += chunk
                    if len(body) > MAX_BYTES:
                        return Answer(request.url, 0, error=too_big())
    except TooSlow as error:  # a drip would hold every feed polled after this one
        return Answer(request.url, 0, error=str(error))
    except httpx.RequestError as error:  # the network, too many redirects…
        return Answer(request.url, 0, error=transport_reason(error))
    except httpx.HTTPError as error:
        return Answer(request.url, 0, error=f"requête impossible ({error})")
    moved = any(step.status_code in PERMANENT for step in response.history)
    status = response.status_code
    error = "" if status in (200, 304, 410) else f"le serveur a répondu {status}"
    return Answer(request.url, status, str(response.url), moved, body,
                  response.headers.get("ETag", ""), response.headers.get("Last-Modified", ""),
                  error)


@cache
def tls_context() -> ssl.SSLContext:
    """The certificates are read once per process (a third of a second each time)."""
    return ssl.create_default_context(cafile=certifi.where())


def feed_client(workers: int = 8) -> httpx.Client:
    """Vigie's client for feeds: its user agent, redirects followed, a connection per host
    kept open between polls of its feeds; beyond the host of the feed asked, only public
    addresses, redirects included (``public.refuse_private``)."""
    return httpx.Client(headers={"User-Agent": USER_AGENT}, follow_redirects=True,
                        timeout=httpx.Timeout(30.0, connect=10.0), verify=tls_context(),
                        limits=httpx.Limits(max_connections=max(10, workers * 2)),
                        event_hooks={"request": [refuse_private]})


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower() or "fichiers locaux"


@dataclass(frozen=True)
class _Failed:
    """What stopped a worker even when told as its feed's failure: raised again by the
    thread that waits for its answers (never left waiting for an answer that won't come)."""

    error: BaseException


def unexpected(request: Request, error: Exception) -> Answer:
    """The answer of a feed whose fetching or reading raised what nothing foresaw: that
    feed's failure, said in French with the error's kind, the others go on (README « Un flux
    en échec n'arrête jamais les autres »); the traceback only in the log, at debug level."""
    logger.debug("flux %s : erreur inattendue", request.url, exc_info=error)
    return Answer(request.url, 0, error=unexpected_reason(error))


def unexpected_reason(error: Exception) -> str:
    """A feed's unforeseen error in French: its kind, and its words cut short (they may come
    from the feed)."""
    detail = " ".join(str(error).split())[:200]
    return (f"erreur inattendue en lisant ce flux ({type(error).__name__}"
            f"{' : ' + detail if detail else ''})")


def _host_worker(client: httpx.Client, requests: list[Request], host_delay: float,
                 then: Callable[[Answer], T], out: queue.Queue[T | _Failed],
                 stop: threading.Event) -> None:
    for index, request in enumerate(requests):
        if stop.is_set():
            return
        if index and host_delay > 0:
            time.sleep(host_delay)
        try:
            try:
                taken = then(fetch(client, request))
            except Exception as error:  # noqa: BLE001 - this feed's failure, not the sync's
                taken = then(unexpected(request, error))  # a failed answer: nothing read
            out.put(taken)
        except Exception as error:  # noqa: BLE001 - handed over, never lost
            out.put(_Failed(error))
            return


def fetch_all(requests: Iterable[Request], *, client: httpx.Client | None = None,
              workers: int = 8, host_delay: float = 1.0) -> Iterator[Answer]:
    """Every request's answer, as soon as it arrives; one host at a time per worker."""
    return _fetch_each(requests, lambda answer: answer, client, workers, host_delay)


def fetch_and_read(requests: Iterable[Request], read: Callable[[bytes], R], *,
                   client: httpx.Client | None = None, workers: int = 8,
                   host_delay: float = 1.0) -> Iterator[tuple[Answer, R | None]]:
    """As ``fetch_all``, each body of a 200 read by ``read`` (the parsing stage's) in the
    thread that fetched it, then dropped: the next request waits for the reading, as a plain
    httpx + feedparser loop does, and only readings wait to be stored."""
    def then(answer: Answer) -> tuple[Answer, R | None]:
        if answer.status != 200 or answer.error:
            return answer, None
        return replace(answer, body=b""), read(answer.body)

    return _fetch_each(requests, then, client, workers, host_delay)


def _fetch_each(requests: Iterable[Request], then: Callable[[Answer], T],
                client: httpx.Client | None, workers: int, host_delay: float
                ) -> Iterator[T]:
    by_host: dict[str, list[Request]] = defaultdict(list)
    for request in requests:
        by_host[host_of(request.url)].append(request)
    total = sum(len(group) for group in by_host.values())
    if not total:
        return
    own = client is None
    http = client or feed_client()
    out: queue.Queue[T | _Failed] = queue.Queue(maxsize=max(64, workers * 4))
    stop = threading.Event()
    pool = ThreadPoolExecutor(max_workers=max(1, min(workers, len(by_host))),
                              thread_name_prefix="vigie-feeds")
    try:
        for group in by_host.values():
            pool.submit(_host_worker, http, group, host_delay, then, out, stop)
        for _ in range(total):
            answer = out.get()
            if isinstance(answer, _Failed):
                raise answer.error
            yield answer
    finally:
        stop.set()
        while not out.empty():  # let a blocked worker finish its put and stop
            out.get_nowait()
        pool.shutdown(wait=True, cancel_futures=True)
        if own:
            http.close()
