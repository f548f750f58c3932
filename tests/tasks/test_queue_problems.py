"""``vigie send`` with a queue that cannot take the sending, said in French at once, and
a queue with nothing to send saying why — real ``vigie worker`` processes on the real Redis.

Found by trying a production installation: with Redis down (or a wrong VIGIE_REDIS_URL)
the command printed twenty English lines and a Python traceback after 20 s; with no
worker on its queue (none started, or started with another VIGIE_TASK_QUEUE) it waited an
hour in silence; with nothing to send it said « 0 envoyé(s) » where one process says why.
"""

from __future__ import annotations

import subprocess
import sys
import time

from tests.mailing.outside import REPO
from tests.mailing.smtp_sink import free_port
from vigie.commands.demo import sample_deliveries

# ``vigie send`` with a shorter wait for a worker than the command's minute.
SEND_WAITING_3_S = ("import sys, vigie.commands.queue as q; q.WORKERS_WAIT = 3; "
                    "from vigie.cli import main; sys.exit(main(['send']))")


def test_send_says_in_french_that_redis_does_not_answer(database, queue_env):
    env = database.env(**{**queue_env, "VIGIE_REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"})
    started = time.monotonic()
    done = database.vigie("send", env=env, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "la file d'attente (Redis, VIGIE_REDIS_URL) ne répond pas" in done.stderr
    assert "rien n'a été envoyé" in done.stderr and "Traceback" not in done.stderr
    assert time.monotonic() - started < 15


def test_send_says_that_no_worker_takes_its_queue(database, queue_env, workers):
    other = {**queue_env, "VIGIE_TASK_QUEUE": queue_env["VIGIE_TASK_QUEUE"] + "-autre"}
    pool = workers(database, other)
    pool.start("--concurrency", "1")
    pool.wait_ready()
    done = subprocess.run([sys.executable, "-c", SEND_WAITING_3_S], cwd=REPO,
                          env=database.env(**queue_env), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert (f"aucun processus de travail (vigie worker) ne prend la file "
            f"« {queue_env['VIGIE_TASK_QUEUE']} »") in done.stderr
    assert other["VIGIE_TASK_QUEUE"] in done.stderr and "Traceback" not in done.stderr


def test_queued_send_with_nothing_to_send_says_why(database, queue_env, workers):
    done = database.vigie("ingest", *map(str, sample_deliveries()))
    assert done.returncode == 0, done.stderr
    pool = workers(database, queue_env)
    pool.start("--concurrency", "1")
    done = database.vigie("send", env=database.env(**queue_env))
    assert done.returncode == 0, done.stdout + done.stderr + pool.logs()
    assert "rien à envoyer : aucun abonné confirmé" in done.stdout
