"""The morning on its schedule, live: ``vigie beat`` puts ``vigie.morning`` in the real Redis
queue and a real ``vigie worker`` takes it — the DILA flow synced from a local HTTP server,
the editions built, the readers' digests sent into a real SMTP server. The schedule is short
(VIGIE_MORNING_EVERY), so the morning runs again while the test watches: with nothing new, it
sends nothing more.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter

from tests.conftest import make_tarball, tree_members
from tests.mailing.outside import REPO, OutsideDatabase
from tests.mailing.smtp_sink import start_sink
from tests.sources.dila_server import DilaServer
from vigie.commands.demo import sample_deliveries

SEED = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
django.setup()
from datetime import datetime, timezone
from django.core.management import call_command
from vigie.mailing.models import Subscriber
call_command("migrate", verbosity=0)
Subscriber.objects.bulk_create([
    Subscriber(email=f"matin{i}@exemple.fr", status="active", alerts=False, departement=code,
               confirmed_at=datetime(2026, 10, 1, tzinfo=timezone.utc), consent_means="test")
    for i, code in enumerate(["36", "18", "75"])])
"""
READERS = 3


def _wait(what: str, done, timeout: float, logs) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if done():
            return
        time.sleep(0.5)
    raise AssertionError(f"{what} : pas avant {timeout:.0f} s\n{logs()}")


def test_beat_schedules_the_morning_and_a_worker_runs_it(tmp_path, queue_env, workers):
    (sample,) = sample_deliveries()
    tarball = make_tarball(tmp_path / f"{sample.name}.tar.gz", tree_members(sample))
    database = OutsideDatabase(tmp_path / "base")
    database.folder.mkdir(exist_ok=True)
    sink, controller = start_sink()
    beat_log = tmp_path / "beat.log"
    try:
        seeded = database.python(SEED)
        assert seeded.returncode == 0, seeded.stderr
        with DilaServer({f"JORFSIMPLE/{tarball.name}": tarball.read_bytes()}) as dila:
            # Every source read (the morning's default) from this server: the Parliament's,
            # the circulaires' and Cellar's files are missing there (their runs fail, said),
            # the JO's delivery is served; nothing goes out to the real servers.
            env = {**queue_env, "VIGIE_DILA_BASE_URL": dila.base_url,
                   "VIGIE_AN_BASE_URL": dila.base_url + "an/",
                   "VIGIE_SENAT_BASE_URL": dila.base_url + "senat/",
                   "VIGIE_SENAT_SITE_URL": dila.base_url + "site/", "VIGIE_JUDILIBRE_KEY": "",
                   "VIGIE_CELLAR_SPARQL_URL": dila.base_url + "eu/sparql",
                   "VIGIE_CELLAR_URL": dila.base_url + "eu/resource",
                   "VIGIE_MORNING_EVERY": "4", "VIGIE_SMTP_HOST": "127.0.0.1",
                   "VIGIE_SMTP_PORT": str(controller.port),
                   "VIGIE_MAIL_FROM": "Vigie <vigie@vigie.test>"}
            pool = workers(database, env)
            pool.start("--concurrency", "1")
            with open(beat_log, "w") as log:
                beat = subprocess.Popen([sys.executable, "-m", "vigie.cli", "beat"], cwd=REPO,
                                        env=database.env(**{**env, "VIGIE_LOG_LEVEL": "INFO"}),
                                        stdout=log, stderr=log)
            try:
                def logs() -> str:
                    return beat_log.read_text() + pool.logs()

                _wait("les résumés du matin", lambda: len(sink.accepted) >= READERS, 240, logs)
                plans = ("SELECT COUNT(*) FROM operations_run WHERE kind = 'send' "
                         "AND source LIKE 'plan%' AND status = 'ok'")
                _wait("un deuxième matin", lambda: database.query(plans)[0][0] >= 2, 120, logs)
            finally:
                beat.terminate()
                beat.wait(timeout=30)
        text = beat_log.read_text()
        assert "Tâche du matin planifiée toutes les 4 s" in text
        assert "Sending due task vigie-morning (vigie.morning)" in text  # into Redis
        per_reader = Counter(r for m in sink.accepted for r in m.recipients)
        assert per_reader == {f"matin{i}@exemple.fr": 1 for i in range(READERS)}
        subjects = sorted(m.message["Subject"] for m in sink.accepted)
        assert any(s.startswith("Vigie · Indre (36) · mercredi 14 octobre 2026")
                   for s in subjects)
        kinds = dict(database.query("SELECT kind, COUNT(*) FROM operations_run "
                                    "WHERE status = 'ok' GROUP BY kind"))
        assert kinds.get("sync", 0) >= 2  # each scheduled morning synced the flow
        assert database.query("SELECT COUNT(*) FROM documents_document")[0][0] > 0
    finally:
        controller.stop()
        database.drop()
