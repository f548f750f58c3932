"""One pipeline run at a time per database, and patience with a database another process
is writing.

``one_run`` is held by ``vigie ingest``, ``sync``, ``analyse``, ``repair`` (and the tasks
that run them) for their whole run: a second run waits for the first to finish, at most
VIGIE_PIPELINE_WAIT seconds, then gives up with ``AnotherRun`` (a French message; exit
status 3 for the commands). PostgreSQL: a session advisory lock; SQLite: a ``flock`` on a
file named after the database file's identity (device, inode), as the send lock. Either way
the lock dies with its process: a killed run never blocks the next. The web, ``vigie send``
and the workers' sending never take it.

``patiently`` runs one idempotent unit of work (one transaction, in autocommit between
units) again when the database answers « database is locked » or its PostgreSQL
equivalents — another writer held the lock longer than the busy timeout — waiting longer
each time (backoff), and gives up after ``BUSY_ATTEMPTS`` tries.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.db import OperationalError, connection

from vigie.config import sqlite_lock_file
from vigie.web.hardening import is_busy

logger = logging.getLogger("vigie.operations")
T = TypeVar("T")
_PIPELINE_KEY = 0x56494750  # "VIGP": the pipeline's advisory lock in this database
EXIT_BUSY = 3  # exit status of a command that gave up waiting for another run
BUSY_ATTEMPTS = 6  # 0.5 + 1 + 2 + 4 + 8 s of waiting between tries, beyond the busy timeout
_held = threading.local()  # runs nested in one thread (a task calling another) share it


class AnotherRun(RuntimeError):
    """Another run held the pipeline longer than this one would wait; the message says so."""


def _lock_file() -> Path:
    return sqlite_lock_file(str(settings.DATABASES["default"]["NAME"]), "pipeline",
                            Path(settings.DATA_DIR))


class _Lock:
    """The lock itself: ``take`` once without waiting; ``release``."""

    def __init__(self) -> None:
        self.handle: int | None = None
        self.held = False

    def take(self) -> bool:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [_PIPELINE_KEY])
                self.held = bool(cursor.fetchone()[0])
                return self.held
        if self.handle is None:
            path = _lock_file()
            path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def release(self) -> None:
        if self.held and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_PIPELINE_KEY])
        if self.handle is not None:
            os.close(self.handle)  # releases the flock
            self.handle = None


@contextmanager
def one_run(on_wait: Callable[[str], None] | None = None,
            wait: float | None = None) -> Iterator[None]:
    """Hold the pipeline for this run; ``on_wait`` hears once, in French, that it waits."""
    if getattr(_held, "depth", 0):
        _held.depth += 1
        try:
            yield
        finally:
            _held.depth -= 1
        return
    lock, limit = _Lock(), settings.VIGIE_PIPELINE_WAIT if wait is None else wait
    try:
        _take(lock, limit, on_wait)
        _held.depth = 1
        try:
            yield
        finally:
            _held.depth = 0
    finally:
        lock.release()


def _take(lock: _Lock, limit: float, on_wait: Callable[[str], None] | None) -> None:
    if lock.take():
        return
    if limit <= 0:
        raise AnotherRun("une autre exécution de vigie (ingestion, synchronisation, analyse "
                         "ou réparation) est en cours sur cette base ; rien n'est fait, "
                         "relancez quand elle aura fini.")
    if on_wait is not None:
        on_wait(f"une autre exécution de vigie (ingestion, synchronisation, analyse ou "
                f"réparation) est en cours sur cette base ; attente de sa fin (au plus "
                f"{limit:.0f} s)…")
    give_up, pause = time.monotonic() + limit, 0.05
    while not lock.take():
        if time.monotonic() >= give_up:
            raise AnotherRun(f"une autre exécution de vigie est toujours en cours après "
                             f"{limit:.0f} s d'attente ; rien n'est fait, relancez plus tard "
                             "(VIGIE_PIPELINE_WAIT règle l'attente).")
        time.sleep(pause)
        pause = min(pause * 2, 2.0)


def patiently(work: Callable[[], T], *, attempts: int = BUSY_ATTEMPTS, pause: float = 0.5,
              sleep: Callable[[float], None] = time.sleep) -> T:
    """``work()``, tried again with a doubling pause while the database is busy."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except OperationalError as error:
            if not is_busy(error) or attempt == attempts or connection.in_atomic_block:
                raise
            logger.warning("base occupée par un autre processus : nouvel essai dans %.1f s "
                           "(%d/%d)", pause, attempt, attempts - 1)
            sleep(pause)
            pause *= 2
    raise AssertionError("unreachable")
