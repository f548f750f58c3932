"""Standard output and error whose reader has gone (``vigie ingest … | head -1``).

What a command does matters more than what it says about it: a line that cannot be written
because the reader of the pipe has ended is dropped, and the stream pointed at /dev/null, so
that nothing written later fails, the flush at exit included. Python would otherwise stop
the work at that line (output unbuffered: a follow-up left pending, the run recorded as
failed), or end with status 120 and a traceback once the work was done (output buffered).
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TextIO


def say(line: str, stream: TextIO) -> None:
    """Print ``line`` on ``stream``, or nothing if its reader has gone."""
    try:
        print(line, file=stream)
    except BrokenPipeError:
        silence(stream)


def silence(stream: TextIO) -> None:
    """Point ``stream``'s descriptor at /dev/null (nothing for a stream without one)."""
    try:
        descriptor = stream.fileno()
    except (OSError, ValueError):  # not a file: a test's StringIO, a closed stream
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)


def flush_all() -> None:
    """Flush standard output and error before leaving, silencing one whose reader has gone
    (what was left in it goes to /dev/null)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            silence(stream)
            with contextlib.suppress(OSError):  # nothing more to do: the process is leaving
                stream.flush()
