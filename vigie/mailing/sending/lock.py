"""One send run at a time, and a lock that dies with its process.

PostgreSQL: a session advisory lock, released by the server when the connection closes.
SQLite: an exclusive ``flock`` on a file beside the database, released by the kernel when
the process ends. Either way a killed run leaves no lock behind, which is what lets the
next run treat every delivery still marked « en cours » as abandoned (see ``sender``).
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

_ADVISORY_KEY = 0x56494749  # "VIGI": the lock of vigie send in this database
# PostgreSQL advisory locks are re-entrant within a session: this one keeps a second run of
# the same process (tests, a web worker) out as well.
_IN_PROCESS = threading.Lock()


def _lock_file() -> Path:
    name = str(settings.DATABASES["default"]["NAME"])
    if name.startswith(("file:", ":memory:")) or not name:  # in-memory (tests)
        return Path(settings.DATA_DIR) / "vigie-send.lock"
    return Path(name + ".send.lock")


@contextmanager
def run_lock() -> Iterator[bool]:
    """Yields True when this process holds the lock, False when another run does."""
    if not _IN_PROCESS.acquire(blocking=False):
        yield False
        return
    try:
        with _database_lock() as held:
            yield held
    finally:
        _IN_PROCESS.release()


@contextmanager
def _database_lock() -> Iterator[bool]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [_ADVISORY_KEY])
            held = bool(cursor.fetchone()[0])
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [_ADVISORY_KEY])
        return
    path = _lock_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held = True
        except BlockingIOError:
            held = False
        yield held
    finally:
        os.close(handle)  # releases the flock
