"""One GET whose answer is read whole, within a byte limit, and asked again while the server is
busy (429, 5xx) or cannot be reached: what the Judilibre and Cellar connectors share.

Each connector says what it asks (``Asked``): the address, its query and headers, which answers
are not worth asking again (``refuse`` raises its French error: a refused key, a notice that
does not exist), the error of an answer over the limit (``too_big``, given what was read: asked
again, it would be as large), and the words of its last failure (``gave_up``). Between
attempts, the delay doubles from ``backoff`` (or is the server's ``Retry-After``); a server
asking to wait longer than ``http.MAX_DELAY`` (« Retry-After: 3600 ») is not asked again in
this run (waiting five minutes twice, then giving up, held the morning's other sources ten
minutes); nor is an address refused (``public.NotPublic``); within ``http.impatient`` a server
that cannot be reached at all is not asked again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from .fetch import GaveUp
from .http import (
    Sleep,
    SourceError,
    busy,
    retry_after,
    retry_delay,
    transport_reason,
    unreachable,
)
from .pace import TooSlow, within
from .public import NotPublic


@dataclass(frozen=True)
class Asked:
    """A connector's request and how it words its failures."""

    url: str
    params: Any
    headers: dict[str, str]
    refuse: Callable[[httpx.Response], None]  # raises for an answer not worth asking again
    too_big: Callable[[bytes], SourceError]  # given the bytes read past the limit
    gave_up: Callable[[int, str], str]  # given the failures in a row and the last reason
    options: dict[str, Any] = field(default_factory=dict)  # for ``client.stream``


def get_whole(client: httpx.Client, asked: Asked, *, max_bytes: int, retries: int,
              backoff: float, sleep: Sleep) -> bytes:
    """The body of the answer (200) to ``asked``, at most ``max_bytes``; asked again at most
    ``retries`` more times while the server is busy or unreachable, then ``GaveUp``."""
    failures, final = 0, False
    while True:
        try:
            with client.stream("GET", asked.url, params=asked.params, headers=asked.headers,
                               **asked.options) as response:
                if response.status_code == 200:
                    return read_within(response, max_bytes, asked.too_big)
                asked.refuse(response)
                wait = retry_after(response)
                reason, final = busy(response.status_code, wait)
        except httpx.RequestError as error:
            reason, wait = transport_reason(error), None
            # within ``impatient``, once is enough; a refused address is refused again
            final = unreachable(error) or isinstance(error, NotPublic)
        except TooSlow as error:  # asked again, it would drip again: the next run asks
            reason, wait, final = str(error), None, True
        failures += 1
        if failures > retries or final:
            raise GaveUp(asked.gave_up(failures, reason))
        sleep(retry_delay(backoff, failures, wait))


def read_within(response: httpx.Response, limit: int,
                too_big: Callable[[bytes], SourceError]) -> bytes:
    """The answer's body, never more than ``limit`` bytes in memory: past it, the reading
    stops and ``too_big`` (of what was read) is raised."""
    body = bytearray()
    for chunk in within(response.iter_bytes()):
        body += chunk
        if len(body) > limit:
            raise too_big(bytes(body))
    return bytes(body)
