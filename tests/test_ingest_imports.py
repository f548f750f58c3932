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
    assert "vigie.documents.circulaire_abrogations" in imported  # (the path it used to take)
    assert "httpx" not in imported
