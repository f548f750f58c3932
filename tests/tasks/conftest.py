"""Helpers for the task tests: the real Redis, real ``vigie worker`` processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mailing.outside import REPO, OutsideDatabase

REDIS_URL = os.environ.get("VIGIE_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
PING = """
import os, sys, time, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
django.setup()
from vigie.tasks.app import app
wanted, deadline = set(sys.argv[1:]), time.monotonic() + 200
while time.monotonic() < deadline:
    answered = {name.split("@")[0] for reply in app.control.ping(timeout=1.0) for name in reply}
    if wanted <= answered:
        sys.exit(0)
sys.exit("processus de travail muets : " + ", ".join(sorted(wanted - answered)))
"""


@pytest.fixture
def database(tmp_path) -> Iterator[OutsideDatabase]:
    """A database of its own, outside the test database (the processes started share it),
    dropped at the end."""
    made = OutsideDatabase(tmp_path / "base")
    made.folder.mkdir(exist_ok=True)
    yield made
    made.drop()


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The Redis of the tests (VIGIE_TEST_REDIS_URL); in CI it must answer, elsewhere its
    absence skips the test with the reason."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis injoignable ({REDIS_URL}) : {error}")
        pytest.skip(f"Redis injoignable ({REDIS_URL}) : {error}")
    return REDIS_URL


class Workers:
    """``vigie worker`` processes, each in its own process group (killed as a machine dies)."""

    def __init__(self, env: dict[str, str], folder: Path) -> None:
        self.env, self.folder = env, folder
        self.processes: list[subprocess.Popen] = []

    def start(self, *args: str) -> subprocess.Popen:
        log = open(self.folder / f"worker-{len(self.processes)}.log", "w")  # noqa: SIM115
        process = subprocess.Popen([sys.executable, "-m", "vigie.cli", "worker", *args],
                                   cwd=REPO, env=self.env, stdout=log, stderr=log,
                                   start_new_session=True)
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL to the worker and its pool: nothing runs its clean-up."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def wait_ready(self) -> None:
        """Until every running worker answers a ping (Django and Celery started)."""
        wanted = [f"vigie-{p.pid}" for p in self.processes if p.poll() is None]
        done = subprocess.run([sys.executable, "-c", PING, *wanted], cwd=REPO, env=self.env,
                              capture_output=True, text=True, timeout=240)
        assert done.returncode == 0, done.stderr + self.logs()

    def logs(self) -> str:
        return "\n".join(p.read_text() for p in sorted(self.folder.glob("worker-*.log")))

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in self.processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture
def queue_env(redis_url: str) -> dict[str, str]:
    """The environment shared by the workers and the command: a queue of this test only,
    tasks of a dead worker back in the queue after 3 s."""
    return {"VIGIE_REDIS_URL": redis_url, "VIGIE_TASK_QUEUE": f"vigie-test-{uuid.uuid4().hex}",
            "VIGIE_TASK_VISIBILITY_TIMEOUT": "3", "VIGIE_LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1"}


@pytest.fixture
def workers(tmp_path) -> Iterator[callable]:
    made: list[Workers] = []

    def make(database: OutsideDatabase, env: dict[str, str]) -> Workers:
        folder = tmp_path / f"workers-{len(made)}"  # each group its own logs
        folder.mkdir()
        made.append(Workers(database.env(**env), folder))
        return made[-1]

    yield make
    for group in made:
        group.stop()


def seeded_database(folder: Path, seed: str, readers: tuple[int, int]
                    ) -> Iterator[tuple[OutsideDatabase, int]]:
    """A database outside the tests' own, with the demo's deliveries and ``seed``'s readers
    (``readers``: how many on PostgreSQL, on SQLite); dropped afterwards. For fixtures."""
    from vigie.commands.demo import sample_deliveries

    database = OutsideDatabase(folder)
    database.folder.mkdir(exist_ok=True)
    try:
        done = database.vigie("ingest", *map(str, sample_deliveries()))
        assert done.returncode == 0, done.stderr
        count = readers[0] if database.is_pg else readers[1]
        seeded = database.python(seed, str(count))
        assert seeded.returncode == 0, seeded.stderr
        yield database, count
    finally:
        database.drop()
