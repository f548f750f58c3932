"""How slowly an answer may arrive before Vigie stops reading it.

The client's timeouts are per read: a server that sends its body a few bytes at a time, each
read within the timeout, would hold a run for ever (a followed feed's server, by accident or
on purpose, would hold the morning and every feed polled after it). Two rules:

* an answer expected small (a feed, an item's page, an API's answer, a listing) must arrive
  whole within ``ANSWER_SECONDS`` (``within``);
* a download (a DILA delivery, a Parliament archive, hundreds of megabytes on a slow link)
  must keep a pace of at least ``FLOOR_BYTES`` every ``WINDOW_SECONDS`` (``at_pace``): a slow
  line passes, a drip does not. What was received is kept and the next run resumes it.

The time is checked as each chunk arrives; a server that sends nothing at all meets the
client's read timeout first.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator

ANSWER_SECONDS = 120.0
WINDOW_SECONDS = 120.0
FLOOR_BYTES = 64 * 1024

Clock = Callable[[], float]


class TooSlow(Exception):
    """The answer came too slowly; ``str(error)`` says so in French."""


def within(chunks: Iterable[bytes], seconds: float | None = None,
           clock: Clock = time.monotonic) -> Iterator[bytes]:
    """The chunks, until the answer has taken more than ``seconds`` (``ANSWER_SECONDS``) to
    arrive: then ``TooSlow``."""
    limit = ANSWER_SECONDS if seconds is None else seconds
    start = clock()
    for chunk in chunks:
        if clock() - start > limit:
            raise TooSlow(f"réponse trop lente (toujours incomplète après {limit:.0f} s), "
                          "lecture abandonnée")
        yield chunk


def at_pace(chunks: Iterable[bytes], floor: int | None = None, window: float | None = None,
            clock: Clock = time.monotonic) -> Iterator[bytes]:
    """The chunks, while at least ``floor`` bytes (``FLOOR_BYTES``) arrive in each ``window``
    seconds (``WINDOW_SECONDS``); below that pace, ``TooSlow``."""
    least = FLOOR_BYTES if floor is None else floor
    span = WINDOW_SECONDS if window is None else window
    start, received = clock(), 0
    for chunk in chunks:
        received += len(chunk)
        now = clock()
        if now - start >= span:
            if received < least:
                raise TooSlow(f"téléchargement trop lent ({received} octets en "
                              f"{now - start:.0f} s), abandonné pour cette fois")
            start, received = now, 0
        yield chunk
