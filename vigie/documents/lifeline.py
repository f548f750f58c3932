"""Worker processes that end with the process that started them, even killed.

Every pool of worker processes (parsing a delivery, a Parliament file or feeds, deciding texts)
runs ``die_with`` first in each worker, given the id of the process that started it: a
``kill -9`` of ``vigie ingest`` or ``vigie sync`` leaves no worker behind, busy or waiting for
work that will never come (Linux: ``PR_SET_PDEATHSIG`` towards the worker's parent, the fork
server or the process itself; everywhere: a thread that waits for that process to end). Kept
apart and light: a worker imports this module before its first task.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with(parent: int) -> None:
    """Worker initializer: end this process as soon as ``parent`` (the ingest) is gone."""
    if sys.platform.startswith("linux"):
        # The worker's parent: the ingest itself (forked by ``early``), or a fork server,
        # which can outlive it (seen: a killed Parliament ingest's, minutes later) — hence
        # the thread that waits for ``parent`` itself.
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    threading.Thread(target=_wait_for, args=(parent,), daemon=True,
                     name="vigie-attente-parent").start()


def _wait_for(pid: int) -> None:
    """Return only to end the process, once ``pid`` has exited."""
    try:
        handle = os.pidfd_open(pid)  # Linux ≥ 5.3: readable when the process exits
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        select.select([handle], [], [])
    else:
        while _alive(pid):
            time.sleep(0.5)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
