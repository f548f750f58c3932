"""A setting Vigie cannot use is said in one French line, exit 2, before any work: an
operator found a full traceback for a bad number read only once an input was under way (the
input then left « commencée » in ``vigie status``), a process count silently ignored, and a
``sqlite://`` address with two slashes that kept everything in memory and lost it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from vigie import config

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "global"


def _vigie(tmp_path: Path, *args: str, **environment: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items()  # (CI's PostgreSQL run sets one)
           if key not in ("DJANGO_SETTINGS_MODULE", "VIGIE_DATABASE_URL")}
    env.update({"VIGIE_DATA_DIR": str(tmp_path / "donnees"), **environment})
    return subprocess.run([sys.executable, "-m", "vigie.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)


@pytest.mark.parametrize(("name", "value", "said"), [
    ("VIGIE_INGEST_MAX_FILE_MB", "abc", "doit être un nombre (reçu « abc »)"),
    ("VIGIE_INGEST_MAX_FILE_MB", "0", "doit être positif (reçu « 0 »)"),
    ("VIGIE_INGEST_QUEUE_MB", "0", "doit valoir au moins 1 (reçu « 0 »)"),
    ("VIGIE_ANALYSIS_WORKERS", "-3", "doit être un nombre entier, 0 ou plus (reçu « -3 »)"),
    ("VIGIE_INGEST_WORKERS", "abc", "doit être un nombre entier, 0 ou plus (reçu « abc »)"),
    ("VIGIE_PIPELINE_WAIT", "abc", "doit être un nombre (reçu « abc »)"),
    ("VIGIE_SQLITE_BUSY_TIMEOUT", "abc", "doit être un nombre (reçu « abc »)"),
    ("VIGIE_AID_REMINDER_DAYS", "une semaine", "doit être un nombre (reçu « une semaine »)"),
])
def test_a_bad_setting_stops_an_ingest_before_it_begins(tmp_path, name, value, said):
    done = _vigie(tmp_path, "ingest", str(FIXTURE), **{name: value})
    assert done.returncode == 2
    assert done.stderr.strip() == f"vigie : {name} {said}."
    assert done.stdout == ""
    status = _vigie(tmp_path, "status")
    assert status.returncode == 0 and "commencée" not in status.stdout


def test_a_source_skipped_that_is_no_source_is_refused(tmp_path):
    done = _vigie(tmp_path, "status", VIGIE_SOURCES_SKIPPED="eu, jo")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == ("vigie : VIGIE_SOURCES_SKIPPED ne nomme pas une source : "
                                   "« jo » (attendu : dila, an, senat, feeds, judilibre, "
                                   "circulaires, eu).")


def test_a_command_opens_a_new_sqlite_base_only_under_the_migration_lock(tmp_path):
    # The first connections to a new base each turn on WAL; two at once could fail at once
    # (« database is locked », SQLite refusing to wait where it could deadlock): CI saw it.
    import fcntl
    import time

    base = tmp_path / "donnees" / "vigie.sqlite3"
    base.parent.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key not in ("DJANGO_SETTINGS_MODULE", "VIGIE_DATABASE_URL")}
    env["VIGIE_DATA_DIR"] = str(base.parent)
    with open(str(base) + ".migration.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another command migrating
        process = subprocess.Popen([sys.executable, "-m", "vigie.cli", "status"], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 5  # long enough to start and connect, were it free to
        while process.poll() is None and time.monotonic() < deadline and not base.exists():
            time.sleep(0.1)
        assert not base.exists() and process.poll() is None  # waiting, base not opened
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert base.exists()


def test_an_sqlite_address_without_a_file_is_refused(tmp_path):
    done = _vigie(tmp_path, "ingest", str(FIXTURE),
                  VIGIE_DATABASE_URL="sqlite://vigie.sqlite3")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "« sqlite://vigie.sqlite3 » ne nomme pas de fichier SQLite" in done.stderr
    assert not list(tmp_path.rglob("*.sqlite3"))


@pytest.mark.parametrize("url", ["sqlite://vigie.sqlite3", "sqlite://", "sqlite:///",
                                 "sqlite://tmp/vigie.sqlite3"])
def test_sqlite_addresses_that_name_no_file(url):
    with pytest.raises(config.ConfigError, match="trois barres obliques"):
        config.database_settings(url)


def test_sqlite_addresses_that_name_a_file():
    assert config.database_settings("sqlite:///vigie.sqlite3")["NAME"] == "vigie.sqlite3"
    assert config.database_settings("sqlite:////srv/v.sqlite3")["NAME"] == "/srv/v.sqlite3"
    assert config.database_settings("sqlite:///:memory:")["NAME"] == ":memory:"  # if asked


def test_a_postgresql_port_that_is_no_number_is_said_without_the_password():
    with pytest.raises(config.ConfigError) as refused:
        config.database_settings("postgres://vigie:secret@hote:abc/vigie")
    assert str(refused.value) == ("VIGIE_DATABASE_URL « postgres://vigie:***@hote:abc/vigie » "
                                  ": le port doit être un nombre entre 0 et 65535.")


def test_commands_started_together_on_a_new_sqlite_base_migrate_it_once(tmp_path):
    # They raced to create the same tables: « table "newsroom_hold" already exists », exit 1,
    # and migrations recorded twice.
    env = {key: value for key, value in os.environ.items()
           if key not in ("DJANGO_SETTINGS_MODULE", "VIGIE_DATABASE_URL")}
    env["VIGIE_DATA_DIR"] = str(tmp_path / "donnees")
    started = [subprocess.Popen([sys.executable, "-m", "vigie.cli", command], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for command in ("status", "anomalies", "status", "anomalies")]
    for process in started:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    with sqlite3.connect(tmp_path / "donnees" / "vigie.sqlite3") as base:
        rows = base.execute("SELECT app, name FROM django_migrations").fetchall()
    assert len(rows) == len(set(rows))
