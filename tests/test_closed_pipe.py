"""``vigie ingest … | head -1``: the reader of the output goes away, the work does not stop.

Output unbuffered (``PYTHONUNBUFFERED``, as under some schedulers), the first line after the
reader had gone stopped the ingest there: analysis, index and editions left pending, the run
recorded as failed. Buffered, the work was done, then the exit failed with status 120 and a
traceback. Both end now with the run's own status, nothing on standard error, every step done.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES

DELIVERY = FIXTURES / "global" / "JORF_20260923-011003"


def _env(tmp_path, unbuffered: bool) -> dict[str, str]:
    env = dict(os.environ, VIGIE_DATABASE_URL=f"sqlite:///{tmp_path / 'vigie.sqlite3'}",
               VIGIE_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="vigie.settings")
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    return env


def _with_reader_gone(command: list[str], env: dict[str, str], cwd) -> tuple[int, str]:
    """Run ``vigie command`` with its standard output a pipe closed at once."""
    process = subprocess.Popen([sys.executable, "-m", "vigie.cli", *command], env=env,
                               cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader has gone before the first line
    error = process.stderr.read().decode()
    return process.wait(timeout=300), error


@pytest.mark.parametrize("unbuffered", [True, False], ids=["sans-tampon", "tampon"])
def test_an_ingest_whose_reader_has_gone_does_all_its_work(tmp_path, unbuffered):
    env = _env(tmp_path, unbuffered)
    code, error = _with_reader_gone(["ingest", str(DELIVERY)], env, tmp_path)
    assert code == 0 and "Traceback" not in error and "BrokenPipe" not in error, error
    status = subprocess.run([sys.executable, "-m", "vigie.cli", "status"], env=env,
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert "ingestion JORF_20260923-011003 : réussi" in status.stdout, status.stdout
    assert "en attente" not in status.stdout, status.stdout  # analysis, index, editions done


@pytest.mark.parametrize("command", [["status"], ["anomalies"], ["ingest", "--help"]])
def test_other_commands_end_with_their_status_and_no_traceback(tmp_path, command):
    env = _env(tmp_path, unbuffered=False)
    subprocess.run([sys.executable, "-m", "vigie.cli", "anomalies"], env=env, cwd=tmp_path,
                   capture_output=True, timeout=300, check=True)  # the schema, first
    for _ in range(3):  # (the reader may end before or after the first write)
        code, error = _with_reader_gone(command, env, tmp_path)
        assert code == 0 and error == "", error
