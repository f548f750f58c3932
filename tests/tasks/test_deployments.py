"""Two deployments on one Redis: a worker of one never runs the tasks of the other — real
``vigie worker`` processes on the real Redis.

Found by trying a production installation: a staging deployment pointed at production's
Redis by mistake (its own database, or production's database with its own VIGIE_SECRET_KEY)
took production's tasks from the shared queue and ran them — readers got messages sent from
the wrong database, or signed with a key the site refuses. Each deployment's queue now
carries a fingerprint of its database and key (``config.task_fingerprint``): the other
deployment's worker never sees the task, and ``vigie send`` says why nothing takes it. The
database is known by what it says of itself, not by its URL (test_deployment_identity): the
workers of one deployment naming it otherwise still take its tasks.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections import Counter

import pytest

from tests.mailing.outside import REPO
from tests.mailing.smtp_sink import start_sink
from tests.mailing.test_interruption import SEED
from tests.tasks.conftest import seeded_database
from tests.tasks.test_deployment_identity import spellings
from tests.tasks.test_queue_problems import SEND_WAITING_3_S

READERS = 12
KEY = "production-" + "k" * 40


def test_a_worker_naming_the_database_otherwise_runs_our_tasks(production, queue_env,
                                                              workers):
    """One deployment, two machines: the worker's VIGIE_DATABASE_URL names the server
    otherwise (a host name for an address, no port, the other scheme) than the sender's."""
    database, readers = production
    other_spelling = spellings(database.url)[-1]
    assert other_spelling != database.url
    sink, controller = start_sink()
    try:
        env = {**queue_env, "VIGIE_SECRET_KEY": KEY, "VIGIE_SMTP_HOST": "127.0.0.1",
               "VIGIE_SMTP_PORT": str(controller.port),
               "VIGIE_MAIL_FROM": "Vigie <vigie@vigie.test>"}
        pool = workers(database, {**env, "VIGIE_DATABASE_URL": other_spelling})
        pool.start("--concurrency", "1")
        pool.wait_ready()
        done = database.vigie("send", "--date", "2026-10-14", env=database.env(**env))
        assert done.returncode == 0, done.stdout + done.stderr + pool.logs()
        assert f"{readers} envoyé(s)" in done.stdout
        assert len(sink.accepted) == readers
    finally:
        controller.stop()


@pytest.fixture
def production(tmp_path):
    yield from seeded_database(tmp_path / "production", SEED, (READERS, READERS))


def test_a_worker_of_another_deployment_never_runs_our_tasks(production, tmp_path, queue_env,
                                                             workers):
    database, readers = production
    (tmp_path / "essai").mkdir()
    staging = database.clone(tmp_path / "essai")  # a copy of production's database
    sink, controller = start_sink()
    try:
        env = {**queue_env, "VIGIE_SECRET_KEY": KEY, "VIGIE_SMTP_HOST": "127.0.0.1",
               "VIGIE_SMTP_PORT": str(controller.port),
               "VIGIE_MAIL_FROM": "Vigie <vigie@vigie.test>"}
        other_key = workers(database, {**env, "VIGIE_SECRET_KEY": KEY.replace("k", "s")})
        other_key.start("--concurrency", "1")
        other_base = workers(staging, env)
        other_base.start("--concurrency", "1")
        other_key.wait_ready()
        other_base.wait_ready()
        done = subprocess.run([sys.executable, "-c", SEND_WAITING_3_S], cwd=REPO,
                              env=database.env(**env), capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 1, done.stdout + done.stderr
        assert not sink.accepted, f"{len(sink.accepted)} messages partis d'ailleurs"
        for base in (database, staging):
            assert base.query("SELECT COUNT(*) FROM mailing_delivery") == [(0,)]
        said = done.stderr
        assert (f"aucun processus de travail (vigie worker) ne prend la file "
                f"« {queue_env['VIGIE_TASK_QUEUE']} »") in said
        assert "2 processus de travail la prennent pour une autre installation" in said
        assert "VIGIE_DATABASE_URL et VIGIE_SECRET_KEY" in said and "Traceback" not in said
        assert KEY not in said
    finally:
        controller.stop()
        staging.drop()


def test_a_worker_of_another_deployment_leaves_our_tasks_under_way_alone(
        production, tmp_path, queue_env, workers):
    """A task taken waits in Redis until its worker acknowledges it; every worker puts back
    in the queue those older than its own visibility timeout (their worker died, as far as
    it can tell). A staging worker with a shorter timeout put back production's tasks while
    they ran: production ran them twice."""
    database, readers = production
    (tmp_path / "essai").mkdir()
    staging = database.clone(tmp_path / "essai")
    sink, controller = start_sink()
    sink.before_reply = lambda count: time.sleep(0.5)  # a slow relay: 6 s for the share
    try:
        env = {**queue_env, "VIGIE_SECRET_KEY": KEY, "VIGIE_SMTP_HOST": "127.0.0.1",
               "VIGIE_SMTP_PORT": str(controller.port), "VIGIE_SEND_CONCURRENCY": "1",
               "VIGIE_MAIL_FROM": "Vigie <vigie@vigie.test>"}
        ours = workers(database, {**env, "VIGIE_TASK_VISIBILITY_TIMEOUT": "120",
                                  "VIGIE_LOG_LEVEL": "INFO"})
        ours.start("--concurrency", "1")
        theirs = workers(staging, {**env, "VIGIE_SECRET_KEY": KEY.replace("k", "s"),
                                   "VIGIE_TASK_VISIBILITY_TIMEOUT": "1"})
        theirs.start("--concurrency", "1")
        ours.wait_ready()
        theirs.wait_ready()
        done = database.vigie("send", "--date", "2026-10-14", env=database.env(**env))
        assert done.returncode == 0, done.stdout + done.stderr + ours.logs()
        assert f"{readers} envoyé(s)" in done.stdout
        time.sleep(3)  # a task put back would be taken again by now
        received = Counter(re.findall(r"Task (vigie\.\w+\[[\w-]+\]) received", ours.logs()))
        assert len(received) == 2, received  # the planning task and one share
        assert set(received.values()) == {1}, f"tâches menées deux fois : {received}"
    finally:
        controller.stop()
        staging.drop()


def test_what_the_sender_says_of_the_workers_that_answered_elsewhere():
    from vigie.commands.queue import _elsewhere

    fingerprinted = {("vigie-1@essai", "vigie.0123456789ab")}
    found, advice = _elsewhere(fingerprinted, "vigie")
    assert "1 processus de travail la prend pour une autre installation" in found
    assert "VIGIE_DATABASE_URL et VIGIE_SECRET_KEY" in advice
    # A worker of a version before the fingerprint still takes the bare queue: not « another
    # VIGIE_TASK_QUEUE », an older Vigie.
    found, advice = _elsewhere({("vigie-2@ancienne", "vigie")}, "vigie")
    assert "1 processus de travail prend la file « vigie » sans empreinte" in found
    assert "version antérieure de Vigie" in found and advice.startswith("Mettez à jour")
    found, advice = _elsewhere({("vigie-3@m", "autre.0123456789ab")}, "vigie")
    assert "d'autres files : autre.0123456789ab" in found
    assert _elsewhere(set(), "vigie")[0] == ""
