"""Parsing workers started before Django: ``vigie ingest`` sets them to work on its first input
while its own process is still starting up.

The parsing workers are the ingest's critical path (they parse more than the main process
writes), and the main process spends about half a second importing Django and the pipeline
and opening the database before its first write. Started first, the workers parse the
first batches during that time. ``parsed_input`` then adopts the pool and the batches
already asked for when it reads the same input with the same limits; otherwise (a Parliament
file, a delivery already ingested, another busy run) ``discard`` stops them: what they parsed
for nothing is bounded by the batches asked for ahead, a few megabytes.

Nothing here touches the database or Django: this runs before they are set up.
"""

from __future__ import annotations

import os
import stat
import sys
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from vigie import config

# Batches of members asked for at once (``parsed_input``): a flush's worth.
AHEAD = 8
# Asked for by ``start``: what the workers parse while this process starts up (about half a
# second). ``parsed_input`` asks for no more until fewer than ``AHEAD`` are left.
STARTING_AHEAD = 4 * AHEAD
# Linux: the workers are forked from this process, still without Django, its connections
# or any thread (a tenth of a second, not the third of one a fork server takes to start).
FORK = sys.platform.startswith("linux")
TAR_SUFFIXES = (".tar.gz", ".tgz", ".tar")


@dataclass
class Started:
    """A pool already reading ``path``: the batches asked for, in order, from index 0."""

    key: tuple[str, int, tuple[int, int, int]]
    pool: ProcessPoolExecutor
    pending: deque[Future] = field(default_factory=deque)


_started: list[Started] = []
_starting: list[threading.Thread] = []


def _wait_started() -> None:
    """Wait for the pools being started."""
    while _starting:
        _starting.pop().join()


def limits(queue_bytes: int, max_bytes: int, max_text: int) -> tuple[int, int, int]:
    """What a worker needs to read its batches: the file size cap, the bytes of a batch (an
    eighth of the bytes waiting), the text size cap."""
    return max_bytes, max(1, queue_bytes // 8), max_text


def start(path: Path) -> None:
    """Start reading ``path`` (a DILA tarball big enough for the workers) the way
    ``documents.ingest`` will; nothing for any other input. The pool starts in a thread:
    starting the fork server takes a tenth of a second, which this process spends setting
    Django up instead."""
    if not path.name.lower().endswith(TAR_SUFFIXES):
        return
    try:
        found = os.stat(path)
    except OSError:  # said by the ingest itself, in its words
        return
    # Imported here, not in the thread: Django's set-up imports modules meanwhile.
    from vigie.documents import parallel  # noqa: F401

    if not stat.S_ISREG(found.st_mode):
        return
    if FORK:
        _start(path, found.st_size, "fork")
        return
    starting = threading.Thread(target=_start, args=(path, found.st_size, "forkserver"),
                                daemon=True, name="vigie-lecture-anticipée")
    starting.start()
    _starting.append(starting)


def _start(path: Path, size: int, method: str) -> None:
    from vigie.documents.parallel import pool, read_batch, reader_count
    from vigie.sources.archives import inflated_size

    try:
        workers = reader_count(inflated_size(path, size))  # (as ``documents.ingest`` counts)
        wanted = limits(config.ingest_queue_bytes() // 2, config.max_file_bytes(),
                        config.max_text_chars())
        if workers < 1:
            return
        started = Started((str(path), workers, wanted), pool(workers, method))
        _started.append(started)
        for index in range(STARTING_AHEAD):
            started.pending.append(started.pool.submit(read_batch, str(path), wanted, index))
    except Exception:  # a bad setting, no process to start: met again, and said, by the ingest
        discard_started()


def adopt(key: tuple[str, int, tuple[int, int, int]]
          ) -> tuple[ProcessPoolExecutor, deque[Future]] | None:
    """The pool started for ``key`` (path, workers, limits) and its pending batches, once."""
    _wait_started()
    for started in _started:
        if started.key == key:
            _started.remove(started)
            return started.pool, started.pending
    return None


def discard() -> None:
    """Stop the workers started for nothing."""
    _wait_started()
    discard_started()


def discard_started() -> None:
    """Stop the pools started (not those being started)."""
    while _started:
        started = _started.pop()
        started.pool.shutdown(wait=False, cancel_futures=True)
