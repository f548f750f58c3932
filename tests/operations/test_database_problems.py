"""A database that cannot be opened is said in French, with what to check: the commands said
the drivers' English (« connection failed: connection to server at "127.0.0.1", port 5432
failed: FATAL:  database "nope" does not exist », « unable to open database file »,
« [Errno 2] No such file or directory: '/proc/…' »)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

PREFIX = "vigie : impossible d'ouvrir la base de données : "


def _status(tmp_path, **environment: str) -> tuple[int, str]:
    env = {key: value for key, value in os.environ.items()  # (CI's PostgreSQL run sets one)
           if key not in ("DJANGO_SETTINGS_MODULE", "VIGIE_DATABASE_URL")}
    env.update({"VIGIE_DATA_DIR": str(tmp_path / "donnees"), **environment})
    done = subprocess.run([sys.executable, "-m", "vigie.cli", "status"], env=env,
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    return done.returncode, done.stderr.strip()


def _closed_port() -> int:
    with socket.socket() as probe:  # a port nothing listens on once this one is closed
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_sqlite_file_in_a_missing_folder(tmp_path):
    path = tmp_path / "absent" / "vigie.sqlite3"
    code, err = _status(tmp_path, VIGIE_DATABASE_URL=f"sqlite:///{path}")
    assert code == 1
    assert err == (f"{PREFIX}le fichier SQLite « {path} » ne peut être ouvert ni créé (son "
                   "dossier existe-t-il, et peut-on y écrire ?)")


def test_a_data_directory_that_cannot_be_made(tmp_path):
    code, err = _status(tmp_path, VIGIE_DATA_DIR="/proc/vigie-absent")
    assert code == 1
    assert err == f"{PREFIX}« /proc/vigie-absent » : fichier ou dossier introuvable"


def test_a_postgresql_server_that_refuses(tmp_path):
    port = _closed_port()
    code, err = _status(tmp_path, VIGIE_DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/x")
    assert code == 1
    assert err == (f"{PREFIX}le serveur PostgreSQL 127.0.0.1:{port} refuse la connexion (est-il "
                   "démarré, et écoute-t-il sur cette adresse et ce port ?)")


@pytest.fixture
def postgresql() -> str:
    """The PostgreSQL server of the machine (CI has one), or a skip."""
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        pytest.skip("PostgreSQL absent de 127.0.0.1:5432")
    return "postgres://{user}@127.0.0.1:5432/{name}"


def test_a_missing_postgresql_database_or_user(tmp_path, postgresql):
    url = postgresql.format(user="postgres", name="vigie_base_absente")
    code, err = _status(tmp_path, VIGIE_DATABASE_URL=url)
    assert code == 1 and err == (f"{PREFIX}la base « vigie_base_absente » n'existe pas sur le "
                                 "serveur PostgreSQL (createdb vigie_base_absente)")
    code, err = _status(tmp_path, VIGIE_DATABASE_URL=postgresql.format(user="fantome",
                                                                          name="test"))
    assert code == 1 and err == f"{PREFIX}l'utilisateur PostgreSQL « fantome » n'existe pas"


def test_an_unknown_case_keeps_the_drivers_first_line():
    from vigie.operations.database_problems import database_problem

    assert database_problem(RuntimeError("disk I/O error\ndetails")) == "disk I/O error"
