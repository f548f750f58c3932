"""How a batch command stops when asked to (SIGTERM: ``kill``, systemd, a container's end).

SIGTERM ended ``vigie ingest`` at once, silently (status 143), where Ctrl+C said « vigie :
interrompu. » and recorded why in the journal. Now SIGTERM stops the command the same way
(``Terminated``, a ``KeyboardInterrupt``): the journal records « arrêté (signal TERM) », the
command says in French what happens next, and the status is still 143. Only the process
that installed the handler stops so; a worker forked from it, asked to stop by its parent,
dies at once as before (an exception there would print a traceback).

After a ``kill -9``, Python's resource tracker, left alone, printed in English that
semaphores had « leaked » (it frees them itself): nothing an operator should act on, so it is
kept quiet (its warnings filter passed in the environment, which it inherits).
"""

from __future__ import annotations

import os
import signal
from types import FrameType

TERMINATED = "arrêté (signal TERM)"
EXIT_TERMINATED = 128 + signal.SIGTERM
_TRACKER_QUIET = "ignore:resource_tracker:UserWarning"


class Terminated(KeyboardInterrupt):
    """SIGTERM received by the command's own process."""


def stop_on_term() -> None:
    """From now on, SIGTERM raises ``Terminated`` in this process (its main thread)."""
    owner = os.getpid()

    def terminated(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:  # a forked worker: die as SIGTERM makes processes die
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        raise Terminated

    signal.signal(signal.SIGTERM, terminated)


def quiet_resource_tracker() -> None:
    """The resource tracker started later by this process keeps its leak warnings to itself."""
    current = os.environ.get("PYTHONWARNINGS", "")
    if _TRACKER_QUIET not in current.split(","):
        os.environ["PYTHONWARNINGS"] = ",".join(filter(None, (current, _TRACKER_QUIET)))
