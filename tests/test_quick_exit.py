"""The quick way out of ``vigie ingest`` (``cli.run``): the workers still busy are ended, and
the teardown of their pool prints nothing; an error of any other thread is still said."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# A pool's worker busy with its batches (``documents.early``: the parsing workers of a
# delivery found done), stopped without waiting, then the exit ``cli.run`` takes.
SCRIPT = textwrap.dedent("""
    import atexit, multiprocessing, os, sys, threading, time
    from concurrent.futures import ProcessPoolExecutor
    from vigie.cli import _stop_leftover_workers

    def batch(index):
        started = time.monotonic()
        while time.monotonic() - started < 0.01:
            pass
        return b"x" * 100_000

    if __name__ == "__main__":
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        futures = [pool.submit(batch, index) for index in range(32)]
        time.sleep(float(sys.argv[1]))
        pool.shutdown(wait=False, cancel_futures=True)
        _stop_leftover_workers()
        if sys.argv[2] == "other":
            def fails():
                raise RuntimeError("erreur d'un autre fil")
            thread = threading.Thread(target=fails)
            thread.start()
            thread.join()
        atexit._run_exitfuncs()
        sys.stderr.flush()
        os._exit(0)
""")


def _exit(tmp_path: Path, delay: float, other: bool = False) -> subprocess.CompletedProcess:
    script = tmp_path / "sortie.py"
    script.write_text(SCRIPT)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, str(script), str(delay),
                           "other" if other else "none"], env=env, capture_output=True,
                          text=True, timeout=60)


def test_the_pool_of_stopped_workers_leaves_no_traceback(tmp_path):
    """Python 3.11's pool thread may close the task queue of the workers just ended twice
    (« OSError: [Errno 9] Bad file descriptor »): about one exit in thirty printed a
    traceback after the command's summary. The race is timed: tried at several moments."""
    for attempt in range(60):
        run = _exit(tmp_path, 0.0002 * attempt)
        assert run.returncode == 0 and run.stderr == "", run.stderr


def test_an_error_of_another_thread_is_still_said(tmp_path):
    run = _exit(tmp_path, 0.005, other=True)
    assert run.returncode == 0 and "erreur d'un autre fil" in run.stderr, run.stderr
