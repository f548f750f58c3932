"""The machine's conditions that stop a run (a full disk, a cut connection) are said in French,
in one line, and the next run takes up what was left: a full disk printed 116 lines of
traceback (« django.db.utils.OperationalError: database or disk is full »), twice chained."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import InterfaceError, OperationalError

from vigie.operations.database_problems import operational_problem

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "global" / "JORF_20260923-011003"
# ``vigie`` on a database that can grow by ``pages`` pages of 4 ko only (SQLite's own limit:
# the same « database or disk is full » as a full disk), or without limit when 0.
RUN = """
import sys
from django.db.backends.signals import connection_created

def limit(sender, connection, **kwargs):
    if int(sys.argv[1]):
        cursor = connection.cursor()
        (size,) = cursor.execute("PRAGMA page_count").fetchone()
        cursor.execute(f"PRAGMA max_page_count = {size + int(sys.argv[1])}")

connection_created.connect(limit)
from vigie.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _vigie(tmp_path: Path, pages: int, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SETTINGS_MODULE", "VIGIE_DATABASE_URL")}
    env["VIGIE_DATA_DIR"] = str(tmp_path / "donnees")
    return subprocess.run([sys.executable, "-c", RUN, str(pages), *args], env=env, text=True,
                          capture_output=True, timeout=300, cwd=tmp_path)


def test_a_full_disk_is_one_french_line_and_the_next_run_finishes(tmp_path):
    assert _vigie(tmp_path, 0, "status").returncode == 0  # the schema, without limit
    full = _vigie(tmp_path, 20, "ingest", str(FIXTURE))
    assert full.returncode == 1, full.stderr
    assert full.stderr.strip().splitlines()[-1] == (
        "vigie : arrêt : plus de place sur le disque de la base de données. Ce qui était "
        "enregistré est gardé ; une fois le problème réglé, relancez la commande (ou vigie "
        "repair) : elle reprend le reste.")
    assert "Traceback" not in full.stderr
    again = _vigie(tmp_path, 0, "ingest", str(FIXTURE))
    assert again.returncode == 0, again.stderr
    repair = _vigie(tmp_path, 0, "repair")
    assert "Rien à reprendre : chaque texte est analysé, indexé et dans ses éditions." in (
        repair.stdout), repair.stdout


@pytest.mark.parametrize(("error", "said"), [
    (OperationalError('could not extend file "base/16384/2619": No space left on device'),
     "plus de place sur le disque de la base de données"),
    (OperationalError("server closed the connection unexpectedly"),
     "la connexion au serveur PostgreSQL a été coupée"),
    (InterfaceError("connection already closed"),
     "la connexion au serveur PostgreSQL a été coupée"),
    (OperationalError("attempt to write a readonly database"),
     "base de données en lecture seule (droits du fichier ou de son dossier)"),
    (OperationalError("no such table: documents_document"), ""),  # a fault: its traceback
    (ValueError("database or disk is full"), ""),
])
def test_what_is_the_machines_condition(error, said):
    assert operational_problem(error) == said
