"""One send run at a time, and locks that die with their process.

PostgreSQL: a session advisory lock, released by the server when the connection closes
(advisory locks belong to one database, whatever the address used to reach it).
SQLite: an exclusive ``flock`` on a lock file named after the database file's identity —
its device and inode — in the directory that really holds it, released by the kernel when
the process ends. Two paths to one database (a symbolic link, a hard link in the same
directory, a link to its directory) therefore share one lock; a lock named after the path
string let two ``vigie send`` run together through a symlink and send duplicates. (Not the
database file itself: closing any descriptor of it would drop SQLite's own POSIX locks.)
Either way a killed run leaves no lock behind.

``run_lock`` keeps planning to one run at a time. ``claimer`` is held by whoever has rows
« en cours » (a ``vigie send`` run, or a sending task on any worker of any machine) for as
long as it may have them: ``live_claimers`` tells which claimers are still alive, so that
the rows of a dead one — and only those — are put back (``ledger.recover``).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from vigie.config import sqlite_lock_file

_ADVISORY_KEY = 0x56494749  # "VIGI": the lock of vigie send in this database
# Claimers: the two-key form of advisory locks (class, claimer), apart from the key above.
_CLAIMER_CLASS = 0x5643  # "VC"
# PostgreSQL advisory locks are re-entrant within a session: this one keeps a second run of
# the same process (tests, a web worker) out as well.
_IN_PROCESS = threading.Lock()


def _lock_file() -> Path:
    """The lock file of the SQLite database in use (``config.sqlite_lock_file``)."""
    return sqlite_lock_file(str(settings.DATABASES["default"]["NAME"]), "send",
                            Path(settings.DATA_DIR))


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


def _claimer_key(claim_id: str) -> int:
    return int.from_bytes(hashlib.sha256(claim_id.encode()).digest()[:4], "big") & 0x7FFFFFFF


def _claims_folder() -> Path:
    return _lock_file().with_suffix(".claims")


@contextmanager
def claimer(claim_id: str) -> Iterator[None]:
    """Held while ``claim_id`` may have rows « en cours »; released when its process dies."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)",
                           [_CLAIMER_CLASS, _claimer_key(claim_id)])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)",
                               [_CLAIMER_CLASS, _claimer_key(claim_id)])
        return
    folder = _claims_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{claim_id}.lock"
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        os.close(handle)


def live_claimers(claim_ids: set[str]) -> set[str]:
    """Those of ``claim_ids`` whose claimer holds its lock now (alive, wherever it runs)."""
    if not claim_ids:
        return set()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND "
                           "classid = %s AND objsubid = 2 AND granted", [_CLAIMER_CLASS])
            held = {int(row[0]) for row in cursor.fetchall()}
        return {c for c in claim_ids if _claimer_key(c) in held}
    return {c for c in claim_ids if _flock_held(_claims_folder() / f"{c}.lock")}


def _flock_held(path: Path) -> bool:
    try:
        handle = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)
    return False
