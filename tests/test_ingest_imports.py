"""What ``vigie ingest`` of a file loads: not the HTTP client.

Reading a delivery on disk needs no network; importing httpx (with what it pulls in) cost
some 50 ms of every ingest's start-up, on the process that writes, the ingest's critical
path. The circulaires' reader once imported it through the fund's listing module for the
meaning of the archives' names (now ``sources.circulaire_names``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "global" / "JORF_20260923-011003"


def test_ingest_of_a_file_never_imports_the_http_client(tmp_path: Path) -> None:
    env = dict(os.environ, VIGIE_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
               VIGIE_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "vigie.cli", "ingest", "--no-analysis",
         str(FIXTURE)], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "textes créés" in done.stdout
    imported = {line.rpartition("|")[2].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    assert "vigie.documents.circulaire_inputs" in imported  # (the path it used to take)
    assert "httpx" not in imported


def _imported(tmp_path: Path, *args: str) -> set[str]:
    env = dict(os.environ, VIGIE_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
               VIGIE_DATA_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "vigie.cli", *args],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return {line.rpartition("|")[2].strip() for line in done.stderr.splitlines()
            if line.startswith("import time:")}


def test_ingest_of_a_delivery_loads_no_other_source_s_readers(tmp_path: Path) -> None:
    """A JO delivery is told apart from the CIRCULAIRES fund's inputs without their readers
    (nor the communes of France they load), and read without the readers of the feeds and of
    Parliament, nor the other commands: some 180 M instructions of start-up saved."""
    tarball = tmp_path / "JORF_20260923-011003.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(FIXTURE, arcname=FIXTURE.name)
    imported = _imported(tmp_path, "ingest", "--no-analysis", str(tarball))
    assert "vigie.documents.store" in imported  # (it was read)
    for module in ("vigie.documents.circulaire_abrogations", "vigie.documents.circulaire_store",
                   "vigie.reference.geography", "vigie.parsing.parlement_model",
                   "vigie.parsing.aides", "vigie.parsing.boamp", "vigie.commands.serve"):
        assert module not in imported, module
