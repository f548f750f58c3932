"""Recording runs in the journal (``Run``): started, then finished well or not.

``recording`` wraps a piece of work; the caller fills ``summary`` with counts (never personal
data) and may mark the run failed without raising (an input that could not be read). An
exception marks it failed with its message, masked, and goes on up.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import timezone

from vigie.operations.exclusive import patiently
from vigie.operations.logs import mask
from vigie.operations.models import KIND_LABELS, STATUS_LABELS, Run
from vigie.operations.stopping import TERMINATED, Terminated
from vigie.reference.file_names import readable

logger = logging.getLogger("vigie.operations")
INTERRUPTED = "interrompu (Ctrl+C ou SIGINT)"


@dataclass
class Entry:
    """What the work tells the journal while it runs."""

    summary: dict[str, Any] = field(default_factory=dict)
    failed: str = ""  # why, when the work ended without raising but did not succeed


def where() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:128]


STOPPED = "interrompu (son processus s'est arrêté sans finir)"
# A process started this long after a run was recorded is not the one that recorded it.
_SAME_PROCESS_SLACK = 2.0


def stopped(run: Run) -> bool:
    """Whether a run the journal still says « running » is known to have ended without
    finishing: recorded on this machine by a process that is gone (killed, a full disk, the
    machine restarted), or whose number a later process has taken. A run recorded on another
    machine cannot be known from here: it stays « en cours ou interrompu »."""
    if run.status != Run.RUNNING:
        return False
    host, _, pid = run.host.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    started = process_started(int(pid))
    return started is None or started > run.started_at.timestamp() + _SAME_PROCESS_SLACK


def process_started(pid: int) -> float | None:
    """When process ``pid`` of this machine started (seconds since the epoch), None when
    there is none (a zombie, dead already, counts as none); 0.0 when it exists but its start
    cannot be read (no /proc: not Linux)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        boot = _boot_time()
    except (OSError, StopIteration, IndexError, ValueError):
        return _exists(pid)
    if stat[0] in ("Z", "X"):  # killed, not yet reaped by its parent
        return None
    return boot + int(stat[19]) / os.sysconf("SC_CLK_TCK")


@cache
def _boot_time() -> int:
    """When this machine started (seconds since the epoch): read once per process (``vigie
    status`` asks it for every run it lists)."""
    return next(int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                if line.startswith("btime "))


def _exists(pid: int) -> float | None:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except OSError:  # another user's process: it exists
        pass
    return 0.0


@contextmanager
def recording(kind: str, source: str = "") -> Iterator[Entry]:
    """Record the work done inside as a run of ``kind`` on ``source`` (file names, say: those
    that are not UTF-8 stored ``readable``). An error that says ``nothing_to_do`` (another
    ``vigie send`` is sending) ends a run that did nothing, not a failed one."""
    entry, source = Entry(), readable(source)
    run = patiently(lambda: Run.objects.create(kind=kind, source=source[:64],
                                               started_at=timezone.now(), host=where()))
    logger.info("début %s %s", KIND_LABELS.get(kind, kind), source,
                extra={"run": run.pk, "kind": kind})
    try:
        yield entry
    except KeyboardInterrupt as stop:
        _finish(run, entry, Run.FAILED,
                TERMINATED if isinstance(stop, Terminated) else INTERRUPTED)
        raise
    except BaseException as error:
        if getattr(error, "nothing_to_do", False):  # (another run does it: no failure)
            entry.summary = {**entry.summary, "busy": 1}
            _finish(run, entry, Run.OK, "")
        else:
            _finish(run, entry, Run.FAILED, readable(mask(f"{type(error).__name__} : "
                                                          f"{error}")))
        raise
    _finish(run, entry, Run.FAILED if entry.failed else Run.OK, entry.failed)


def _finish(run: Run, entry: Entry, status: str, error: str) -> None:
    patiently(lambda: Run.objects.filter(pk=run.pk).update(
        status=status, finished_at=timezone.now(), summary=entry.summary, error=error[:255]))
    log = logger.warning if status == Run.FAILED else logger.info
    # In French, as ``vigie status`` says it (the JSON log keeps the codes in its fields).
    log("fin %s %s : %s%s", KIND_LABELS.get(run.kind, run.kind), run.source,
        STATUS_LABELS.get(status, status), f" — {error}" if error else "",
        extra={"run": run.pk, "kind": run.kind, "status": status, "summary": entry.summary})
