"""Batch commands run below the site's CPU priority (VIGIE_BATCH_NICE,
``vigie.operations.priority``); the site's commands keep theirs. Each case runs in a process of
its own: a priority once lowered cannot be raised back."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

RUN = ("import os, sys\n"
       "from vigie.cli import main\n"
       "code = main(sys.argv[1:])\n"
       "print(code, os.getpriority(os.PRIO_PROCESS, 0))\n")


def vigie(tmp_path, *args: str, nice: str | None = None, start: int = 0) -> tuple[int, int, str]:
    """(exit status, niceness after the command, standard error) of ``vigie args``."""
    env = {k: v for k, v in os.environ.items() if k != "VIGIE_BATCH_NICE"}
    env.update(VIGIE_DATABASE_URL=f"sqlite:///{tmp_path / 'vigie.sqlite3'}",
               VIGIE_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="vigie.settings")
    if nice is not None:
        env["VIGIE_BATCH_NICE"] = nice
    done = subprocess.run(["nice", "-n", str(start), sys.executable, "-c", RUN, *args],
                          env=env, capture_output=True, text=True, timeout=300)
    code, niceness = done.stdout.split()[-2:]
    return int(code), int(niceness), done.stderr


@pytest.fixture
def base() -> int:
    """The niceness the test's processes start with (the suite may run under nice)."""
    return os.getpriority(os.PRIO_PROCESS, 0)


def test_batch_commands_run_at_nice_10_by_default(tmp_path, base):
    assert vigie(tmp_path, "editions", "--date", "2020-01-06")[1] == max(10, base)


def test_the_site_keeps_its_priority(tmp_path, base):
    code, niceness, _ = vigie(tmp_path, "status")
    assert code == 0 and niceness == base


def test_the_priority_is_set_by_the_environment_and_never_raised(tmp_path, base):
    assert vigie(tmp_path, "editions", "--date", "2020-01-06", nice="15")[1] == max(15, base)
    assert vigie(tmp_path, "editions", "--date", "2020-01-06", nice="0")[1] == base
    started_lower = min(base + 17, 19)  # started under « nice -n 17 »: stays there
    assert vigie(tmp_path, "editions", "--date", "2020-01-06", nice="5",
                 start=17)[1] == started_lower


def test_a_bad_priority_is_said_in_french(tmp_path):
    code, _, error = vigie(tmp_path, "editions", "--date", "2020-01-06", nice="25")
    assert code == 2 and "VIGIE_BATCH_NICE doit valoir de 0 à 19" in error
