"""``bench/instructions.py``: the instructions of each process of a command, counted by
callgrind, sorted by what the process is (the ingest's own, the fork server's and its
workers', the rest)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from bench.instructions import _kind, counted


def test_each_process_is_sorted_by_its_command_line():
    assert _kind(b"/venv/bin/python -m vigie.cli ingest JORF.tar.gz") == "principal et lecture"
    assert _kind(b"python -B -c from multiprocessing.forkserver import main; main(25)") \
        == "serveur et travail"
    assert _kind(b"python -B -c from multiprocessing.resource_tracker import main;main(22)") \
        == "suivi"
    assert _kind(b"/sbin/ldconfig -p") == "autres"


@pytest.mark.skipif(shutil.which("valgrind") is None,
                    reason="valgrind absent (apt-get install valgrind) : rien à compter")
def test_a_command_and_its_children_are_counted(tmp_path: Path):
    """A Python process that runs another: both counted, each in its own file, summed by
    kind; a longer loop counts more instructions than a short one."""
    def count(loops: int) -> dict[str, int]:
        code = (f"import subprocess, sys; sum(range({loops})); "
                "subprocess.run([sys.executable, '-c', 'pass'], check=True)")
        return counted([sys.executable, "-c", code], {"PATH": "/usr/bin:/bin"}, tmp_path)

    short, long = count(10), count(2_000_000)
    assert set(short) == {"autres"} and short["autres"] > 10_000_000
    assert len(list(tmp_path.glob("cg.*"))) == 2  # the parent and its child
    assert long["autres"] > short["autres"] + 50_000_000


def test_a_failing_command_says_so(tmp_path: Path):
    if shutil.which("valgrind") is None:
        pytest.skip("valgrind absent (apt-get install valgrind) : rien à compter")
    with pytest.raises(SystemExit, match="Échec sous valgrind"):
        counted([sys.executable, "-c", "raise SystemExit(3)"], {"PATH": "/usr/bin:/bin"},
                tmp_path)


def test_a_command_runs_where_it_is_told(tmp_path: Path):
    """The ingest of another tree runs in that tree: ``python -m`` imports from where it runs
    before ``PYTHONPATH``, so that, run from this tree, it measured this tree's code."""
    if shutil.which("valgrind") is None:
        pytest.skip("valgrind absent (apt-get install valgrind) : rien à compter")
    there = tmp_path / "arbre"
    there.mkdir()
    code = f"import os, sys; sys.exit(os.getcwd() != {str(there)!r})"
    assert counted([sys.executable, "-c", code], {"PATH": "/usr/bin:/bin"}, tmp_path, cwd=there)
