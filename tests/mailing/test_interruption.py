"""Exactly once: kill ``vigie send`` in the middle, run it again, count what arrived.

The SMTP server decides when the sending process dies: when the k-th message arrives, before
it answers, so that this message (and any other then in flight) is never accepted. A second
run must then deliver every remaining message, and nobody may have two. With several
connections, the server first waits until the messages it already accepted are recorded: a
crash between a server's acceptance and our commit is the one window no SMTP client can
close (see ``vigie.mailing.sending.ledger``), and is not what this test is about.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter

import pytest

from tests.mailing.outside import REPO, OutsideDatabase
from tests.mailing.smtp_sink import start_sink
from vigie.commands.demo import sample_deliveries

READERS, KILL_AT = 30, 8

SEED = """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
django.setup()
from datetime import datetime, timezone
from vigie.mailing.models import Subscriber
departements = ["18", "36", "75", "2A", "971"]
roles = [["rh"], [], ["elus", "finances"], ["urbanisme"]]
Subscriber.objects.bulk_create([
    Subscriber(email=f"lecteur{i}@exemple.fr", status="active", alerts=False,
               departement=departements[i % 5], roles=roles[i % 4],
               confirmed_at=datetime(2026, 10, 1, tzinfo=timezone.utc), consent_means="test")
    for i in range(int(sys.argv[1]))])
"""


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A database with the demo editions and the readers, built once and cloned per test."""
    database = OutsideDatabase(tmp_path_factory.mktemp("envoi-modele"))
    try:
        done = database.vigie("ingest", *map(str, sample_deliveries()))
        assert done.returncode == 0, done.stderr
        seeded = database.python(SEED, str(READERS))
        assert seeded.returncode == 0, seeded.stderr
        yield database
    finally:
        database.drop()


@pytest.mark.parametrize("concurrency", [1, 4])
def test_killed_send_then_restart_delivers_each_message_exactly_once(
        seeded, tmp_path, concurrency):
    database = seeded.clone(tmp_path)
    sink, controller = start_sink()
    try:
        env = database.env(VIGIE_SMTP_HOST="127.0.0.1", VIGIE_SMTP_PORT=str(controller.port),
                           VIGIE_SEND_CONCURRENCY=str(concurrency),
                           VIGIE_MAIL_FROM="Vigie <vigie@vigie.test>")
        process = subprocess.Popen(
            [sys.executable, "-m", "vigie.cli", "send", "--date", "2026-10-14"], cwd=REPO,
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

        def kill_at_kth(count: int) -> str | None:
            if count != KILL_AT:
                return None
            if concurrency > 1:
                database.wait_sent(len(sink.accepted), seconds=20)
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            sink.cut_off()  # what the other connections had in flight is not accepted either
            return "421 4.3.0 Arrêt du service"

        sink.before_reply = kill_at_kth
        process.communicate(timeout=240)
        assert process.returncode == -signal.SIGKILL
        first = len(sink.accepted)
        assert KILL_AT - concurrency <= first < KILL_AT  # killed mid-run: some went, not all

        sink.before_reply = None
        again = database.vigie("send", "--date", "2026-10-14", env=env)
        assert again.returncode == 0, again.stderr
        assert "repris après interruption" in again.stdout

        per_reader = Counter(r for m in sink.accepted for r in m.recipients)
        assert sorted(per_reader) == sorted(f"lecteur{i}@exemple.fr" for i in range(READERS))
        assert set(per_reader.values()) == {1}
        ids = [m.message["Message-ID"] for m in sink.accepted]
        assert len(set(ids)) == READERS
        states = dict(database.query(
            "SELECT status, COUNT(*) FROM mailing_delivery GROUP BY status"))
        assert states == {"sent": READERS}

        third = database.vigie("send", "--date", "2026-10-14", env=env)
        assert third.returncode == 0 and len(sink.accepted) == READERS  # nothing more
    finally:
        controller.stop()
        database.drop()
