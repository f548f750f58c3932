"""The deployment's queue is named after what its database says of itself, not after how a
VIGIE_DATABASE_URL spells it — real ``vigie`` processes on a database of their own.

Found in production: two machines of one deployment naming its PostgreSQL server one by its
address, the other by its host name, got two queues (the fingerprint hashed the URL's host,
port and name), and the workers of one never saw the tasks of the other.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.mailing.outside import REPO, OutsideDatabase
from vigie import config

KEY = "production-" + "k" * 40
# The queue a process of the deployment finds; with a file to wait for, all start together.
QUEUE = """
import sys, time
from pathlib import Path
from vigie.cli import setup_django
setup_django()
go = Path(sys.argv[1]) if len(sys.argv) > 1 else None
while go is not None and not go.exists():
    time.sleep(0.002)
from vigie.tasks.app import bind_queue
print(bind_queue())
"""


def _netloc(parts, host: str, port: int | None) -> str:
    login = f"{parts.username}@" if parts.username else ""
    host = f"[{host}]" if ":" in host else host
    return f"{login}{host}{f':{port}' if port else ''}"


def spellings(url: str) -> list[str]:
    """Other ways of writing the URL of the same database: the server by its address and by
    a host name, the port given or not, the other scheme, connection options."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":  # a path through « .. », a linked folder
        path = Path(parts.path[1:])
        linked = path.parent.parent / "lien"
        linked.symlink_to(path.parent, target_is_directory=True)
        return [url, f"sqlite:///{path.parent / '..' / path.parent.name / path.name}",
                f"sqlite:///{linked / path.name}"]
    host, port = parts.hostname or "localhost", parts.port or 5432
    address = socket.gethostbyname(host)
    names = {host} | {name for name in ("localhost", socket.gethostname(), socket.getfqdn())
                      if _resolves_to(name, address)}
    made = [urlunsplit(("postgresql", _netloc(parts, address, port), parts.path, "", ""))]
    for name in sorted(names - {address}):
        made.append(urlunsplit(("postgres", _netloc(parts, name, None if port == 5432 else port),
                                parts.path, "connect_timeout=5", "")))
    return [url, *made]


def _resolves_to(name: str, address: str) -> bool:
    try:
        return socket.gethostbyname(name) == address
    except OSError:
        return False


def _queues(database: OutsideDatabase, urls: list[str], together: Path | None = None
            ) -> list[str]:
    """The queue each URL's process finds (all started at once; with ``together``, they
    read it at the same instant)."""
    started = [subprocess.Popen(
        [sys.executable, "-c", QUEUE, *([str(together)] if together else [])], cwd=REPO,
        env=database.env(VIGIE_DATABASE_URL=url, VIGIE_SECRET_KEY=KEY),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for url in urls]
    if together:
        import time

        time.sleep(4)  # Django started in each
        together.touch()
    found = []
    for process in started:
        out, err = process.communicate(timeout=240)
        assert process.returncode == 0, err
        found.append(out.strip())
    return found


def test_one_database_however_its_url_is_spelled_has_one_queue(database, tmp_path):
    urls = spellings(database.url)
    if database.is_pg and len({urlsplit(u).hostname for u in urls}) < 2:
        pytest.skip("aucun nom d'hôte ne désigne le serveur PostgreSQL des tests")
    queues = _queues(database, urls)
    assert len(set(queues)) == 1, dict(zip(urls, queues, strict=True))
    assert queues[0].startswith("vigie.") and len(queues[0]) == len("vigie.") + 12
    # Read again: the token written the first time, the same queue.
    assert _queues(database, urls[:1]) == queues[:1]
    assert database.query("SELECT COUNT(*) FROM operations_deployment") == [(1,)]


def test_another_database_or_a_copy_or_another_key_has_another_queue(database, tmp_path):
    (mine,) = _queues(database, [database.url])
    (tmp_path / "copie").mkdir()
    copy = database.clone(tmp_path / "copie")  # same token, another database
    other = OutsideDatabase(tmp_path / "autre")
    other.folder.mkdir(exist_ok=True)
    try:
        assert copy.query("SELECT token FROM operations_deployment") == database.query(
            "SELECT token FROM operations_deployment")
        theirs = _queues(copy, [copy.url]) + _queues(other, [other.url])
        assert mine not in theirs and len(set(theirs)) == 2
    finally:
        copy.drop()
        other.drop()
    with_other_key = subprocess.run(
        [sys.executable, "-c", QUEUE], cwd=REPO, capture_output=True, text=True, timeout=240,
        env=database.env(VIGIE_SECRET_KEY=KEY.replace("k", "q")))
    assert with_other_key.stdout.strip() not in ("", mine), with_other_key.stderr


def test_processes_starting_together_on_a_new_database_write_one_token(database, tmp_path):
    queues = _queues(database, [database.url] * 4, together=tmp_path / "partez")
    assert len(set(queues)) == 1, queues
    assert database.query("SELECT COUNT(*) FROM operations_deployment") == [(1,)]


def test_the_fingerprint_is_an_hmac_of_the_identity_under_the_key():
    mine = config.task_fingerprint(KEY, "jeton/postgresql:7716:16390")
    assert len(mine) == 12 and int(mine, 16) >= 0
    assert config.task_fingerprint(KEY, "jeton/postgresql:7716:16390") == mine
    assert config.task_fingerprint(KEY, "jeton/postgresql:7716:16391") != mine
    assert config.task_fingerprint(KEY.replace("k", "q"), "jeton/postgresql:7716:16390") != mine
    assert "jeton" not in mine and KEY not in mine


@pytest.mark.django_db
def test_what_the_server_says_of_the_test_database():
    from django.db import connection

    from vigie.operations.deployment import identity, server_identity

    said = server_identity(connection)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT oid FROM pg_database WHERE datname = current_database()")
            oid = cursor.fetchone()[0]
        system, _, found_oid = said.removeprefix("postgresql:").partition(":")
        assert found_oid == str(oid) and system.isdigit()
    else:
        name = str(connection.settings_dict["NAME"])
        assert said == "sqlite:" + (name if "memory" in name else os.path.realpath(name))
    token, _, server = identity(connection).partition("/")
    assert len(token) == 32 and server == said
    assert identity(connection) == f"{token}/{said}"  # written once
