"""Exactly once over several workers: real ``vigie worker`` processes on the real Redis send
one edition to a few thousand readers into a real SMTP server; one worker is killed (SIGKILL
to its whole process group, as when a machine is lost) in the middle of its share.

The server decides when: at the k-th message it stops answering, waits until every message
it accepted is recorded (the one window no SMTP client can close, see
``vigie.mailing.sending.ledger``, is not what this test is about), kills the worker, then
refuses what was in flight. The killed worker's share goes back to the queue (broker
visibility timeout), the rows it had « en cours » are taken back because its claimer lock
died with it, and the other worker sends them: every reader gets exactly one message.

On PostgreSQL two workers run side by side. On SQLite, which takes one worker only, the
killed worker is replaced by a new one.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest

from tests.mailing.outside import REPO
from tests.mailing.smtp_sink import start_sink
from tests.mailing.test_interruption import SEED
from tests.tasks.conftest import seeded_database

READERS_PG, READERS_SQLITE = 2000, 600


@pytest.fixture
def readers_database(tmp_path):
    yield from seeded_database(tmp_path / "base", SEED, (READERS_PG, READERS_SQLITE))


def test_a_worker_killed_mid_share_loses_nothing_and_duplicates_nothing(
        readers_database, queue_env, workers):
    database, readers = readers_database
    sink, controller = start_sink()
    try:
        env = {**queue_env, "VIGIE_SMTP_HOST": "127.0.0.1", "VIGIE_SMTP_PORT":
               str(controller.port), "VIGIE_MAIL_FROM": "Vigie <vigie@vigie.test>",
               "VIGIE_SEND_CHUNK": str(readers // 10), "VIGIE_SEND_CONCURRENCY": "2",
               "VIGIE_SEND_RETRY_DELAY": "0.2"}
        pool = workers(database, env)
        first = pool.start("--concurrency", "1")
        if database.is_pg:
            pool.start("--concurrency", "1")
        killed: list[int] = []

        def kill_once(count: int) -> str | None:
            if count != readers // 3 or killed:
                return None
            database.wait_sent(len(sink.accepted), seconds=30)
            killed.append(len(sink.accepted))
            pool.kill(first)
            sink.cut_off()  # what was in flight is not accepted
            if not database.is_pg:
                pool.start("--concurrency", "1")  # SQLite: one worker at a time
            return "421 4.3.0 Arrêt du service"

        sink.before_reply = kill_once
        command = subprocess.run(
            [sys.executable, "-m", "vigie.cli", "send", "--date", "2026-10-14"], cwd=REPO,
            env=database.env(**env), capture_output=True, text=True, timeout=300)
        assert command.returncode == 0, command.stdout + command.stderr + pool.logs()
        assert killed and 0 < killed[0] < readers  # killed in the middle of the run

        per_reader = Counter(r for m in sink.accepted for r in m.recipients)
        assert sorted(per_reader) == sorted(f"lecteur{i}@exemple.fr" for i in range(readers))
        assert set(per_reader.values()) == {1}, [r for r, n in per_reader.items() if n > 1][:5]
        states = dict(database.query(
            "SELECT status, COUNT(*) FROM mailing_delivery GROUP BY status"))
        assert states == {"sent": readers}
        assert f"{readers} envoyé(s)" in command.stdout

        again = database.vigie("send", "--date", "2026-10-14", env=database.env(**env))
        assert again.returncode == 0, again.stderr
        assert len(sink.accepted) == readers  # nothing more
    finally:
        controller.stop()


# ``vigie send`` noticing a stalled share after 2 s instead of the command's 30.
SEND_STALL_2_S = ("import sys, vigie.commands.queue as q; q.STALL = 2; "
                  "from vigie.cli import main; sys.exit(main(sys.argv[1:]))")


def test_the_sender_says_a_worker_was_lost_and_a_rerun_resumes_at_once(
        readers_database, queue_env, workers):
    """Found by trying it as an operator: a worker killed mid-send, ``vigie send`` waited in
    silence for its shares to come back to the queue (VIGIE_TASK_VISIBILITY_TIMEOUT, half an
    hour by default). It now says which worker no longer answers and that a rerun resumes
    at once; the rerun sends the rest, each message once."""
    database, readers = readers_database
    sink, controller = start_sink()
    sender: subprocess.Popen | None = None
    try:
        env = {**queue_env, "VIGIE_SMTP_HOST": "127.0.0.1", "VIGIE_SMTP_PORT":
               str(controller.port), "VIGIE_MAIL_FROM": "Vigie <vigie@vigie.test>",
               "VIGIE_SEND_CHUNK": str(readers // 10), "VIGIE_SEND_CONCURRENCY": "2",
               "VIGIE_TASK_VISIBILITY_TIMEOUT": "900"}  # its shares do not come back
        pool = workers(database, env)
        lost = pool.start("--concurrency", "1")
        pool.wait_ready()
        if database.is_pg:
            pool.start("--concurrency", "1")
            pool.wait_ready()
        killed: list[int] = []

        def kill_once(count: int) -> str | None:
            if count != readers // 3 or killed:
                return None
            database.wait_sent(len(sink.accepted), seconds=30)
            killed.append(len(sink.accepted))
            pool.kill(lost)
            sink.cut_off()  # what was in flight is not accepted
            return "421 4.3.0 Arrêt du service"

        sink.before_reply = kill_once
        sender = subprocess.Popen(
            [sys.executable, "-c", SEND_STALL_2_S, "send", "--date", "2026-10-14"], cwd=REPO,
            env=database.env(**env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        lines: list[str] = []
        threading.Thread(target=lambda: lines.extend(sender.stderr), daemon=True).start()
        deadline = time.monotonic() + 120
        while f"vigie-{lost.pid}@" not in "".join(lines) and time.monotonic() < deadline:
            time.sleep(0.2)
        said = "".join(lines)
        assert killed and f"vigie-{lost.pid}@" in said, said + pool.logs()
        assert "ne répond plus" in said and "VIGIE_TASK_VISIBILITY_TIMEOUT (900 s)" in said
        assert "Ctrl+C, puis vigie send, qui reprend aussitôt ce qui reste" in said
        sender.send_signal(signal.SIGINT)
        assert sender.wait(timeout=30) != 0

        if not database.is_pg:
            pool.start("--concurrency", "1")  # SQLite: one worker at a time
        again = database.vigie("send", "--date", "2026-10-14", env=database.env(**env),
                               timeout=120)
        assert again.returncode == 0, again.stdout + again.stderr + pool.logs()
        per_reader = Counter(r for m in sink.accepted for r in m.recipients)
        assert sorted(per_reader) == sorted(f"lecteur{i}@exemple.fr" for i in range(readers))
        assert set(per_reader.values()) == {1}, [r for r, n in per_reader.items() if n > 1][:5]
        assert database.query("SELECT status, COUNT(*) FROM mailing_delivery "
                               "GROUP BY status") == [("sent", readers)]
    finally:
        if sender is not None and sender.poll() is None:
            sender.kill()
        controller.stop()
