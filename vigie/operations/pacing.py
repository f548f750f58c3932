"""How the pipeline cuts its work into units, and where the crash tests stop it.

A step reads its texts a chunk at a time, each chunk read whole before anything is written:
no SQLite read stays open across writes (a read snapshot held while another process commits
makes the next write fail at once with « database is locked », whatever the busy timeout).

VIGIE_PAUSE_AT names a step (``analysis``, ``index``, ``editions``): the process stops
itself (SIGSTOP) between the two halves of that step's units, once, so that a test can kill
it there with SIGKILL — a crash at a known point, without guessing with sleeps. Never set in
production.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator, Sequence
from typing import TypeVar

CHUNK = 200  # texts read, analysed or indexed together
PAUSE_AT = "VIGIE_PAUSE_AT"
U = TypeVar("U")
_paused: set[str] = set()


def chunks(values: Sequence[U], size: int = CHUNK) -> list[Sequence[U]]:
    return [values[i:i + size] for i in range(0, len(values), size)]


def checkpoint(step: str) -> None:
    """Stop this process here when a crash test asked for ``step`` (once)."""
    if os.environ.get(PAUSE_AT) == step and step not in _paused:
        _paused.add(step)
        os.kill(os.getpid(), signal.SIGSTOP)


def paced(units: Sequence[U], step: str) -> Iterator[U]:
    """The units of a step, with the crash tests' pause between its two halves."""
    for number, unit in enumerate(units):
        if number == len(units) // 2:
            checkpoint(step)
        yield unit
