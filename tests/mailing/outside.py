"""A database of its own for ``vigie`` processes started by a test, SQLite or PostgreSQL.

The tests' own database lives in a transaction (or in memory) that another process cannot
see; a test that kills ``vigie send`` needs one that several processes share. On PostgreSQL
(when VIGIE_DATABASE_URL says so) a fresh database is created next to the test one and can
be cloned as a template; otherwise an SQLite file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[2]


def _pg_url() -> str:
    url = os.environ.get("VIGIE_DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


def _with_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


def _admin(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(host=parts.hostname, port=parts.port or 5432,
                           user=parts.username or "postgres", password=parts.password or "",
                           dbname=parts.path.lstrip("/") or "postgres", autocommit=True)


class OutsideDatabase:
    """One database URL for subprocesses, with creation, cloning and dropping."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        pg = _pg_url()
        self.name = f"vigie_mailing_{uuid.uuid4().hex[:10]}"
        self.url = _with_name(pg, self.name) if pg else f"sqlite:///{folder / 'vigie.sqlite3'}"
        if pg:
            with _admin(pg) as admin:
                admin.execute(f'CREATE DATABASE "{self.name}"')

    @property
    def is_pg(self) -> bool:
        return self.url.startswith("postgres")

    def clone(self, folder: Path) -> OutsideDatabase:
        copy = OutsideDatabase.__new__(OutsideDatabase)
        copy.folder = folder
        copy.name = f"vigie_mailing_{uuid.uuid4().hex[:10]}"
        if self.is_pg:
            copy.url = _with_name(self.url, copy.name)
            with _admin(_pg_url()) as admin:
                admin.execute(f'CREATE DATABASE "{copy.name}" TEMPLATE "{self.name}"')
        else:
            copy.url = f"sqlite:///{folder / 'vigie.sqlite3'}"
            source = sqlite3.connect(self.url.removeprefix("sqlite:///"))
            target = sqlite3.connect(copy.url.removeprefix("sqlite:///"))
            source.backup(target)
            source.close()
            target.close()
        return copy

    def drop(self) -> None:
        if self.is_pg:
            with _admin(_pg_url()) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        else:
            shutil.rmtree(self.folder, ignore_errors=True)

    def query(self, sql: str) -> list[tuple]:
        """Read from the database directly (from a test thread, without Django)."""
        if self.is_pg:
            with _admin(self.url) as conn:
                return conn.execute(sql).fetchall()
        with sqlite3.connect(self.url.removeprefix("sqlite:///"), timeout=30) as conn:
            return conn.execute(sql).fetchall()

    def wait_sent(self, accepted: int, seconds: float) -> None:
        """Wait until the ledger records as sent every message the SMTP sink accepted (a
        worker commits just after its server's answer, so the two can lag briefly)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            sent = self.query("SELECT COUNT(*) FROM mailing_delivery WHERE status = 'sent'")
            if sent[0][0] >= accepted:
                return
            time.sleep(0.01)
        raise AssertionError("les messages acceptés n'ont pas été enregistrés")

    def env(self, **extra: str) -> dict[str, str]:
        return {**os.environ, "VIGIE_DATABASE_URL": self.url,
                "VIGIE_DATA_DIR": str(self.folder), **extra}

    def vigie(self, *args: str, env: dict[str, str] | None = None, timeout: float = 300,
              ) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "vigie.cli", *args], cwd=REPO,
                              env=env or self.env(), capture_output=True, text=True,
                              timeout=timeout)

    def python(self, code: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, env=self.env(),
                              capture_output=True, text=True, timeout=300)
