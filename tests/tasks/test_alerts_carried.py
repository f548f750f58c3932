"""The digest carries the day's urgent items, also when the workers send while the planning
task is still planning: real ``vigie worker`` processes on the real Redis.

The planning task hands out shares of readers to the other workers as it goes. It handed
out the digests before planning the day's alerts: a digest a worker had already taken was
no longer « still to leave », so the alerts of its urgent items were planned to leave on
their own — a reader of the Cher got the digest, then four alerts for the four urgent texts
it had just shown (found by trying a production installation: 101 extra messages for 300
readers).
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.mailing.smtp_sink import start_sink
from tests.mailing.test_interruption import SEED
from tests.tasks.conftest import seeded_database

READERS_PG, READERS_SQLITE = 1500, 300
ALERT_SEED = SEED.replace("alerts=False", "alerts=True")


@pytest.fixture
def alert_readers(tmp_path):
    yield from seeded_database(tmp_path / "base", ALERT_SEED, (READERS_PG, READERS_SQLITE))


def test_shared_out_digests_carry_the_alerts_of_the_day(alert_readers, queue_env, workers):
    database, readers = alert_readers
    sink, controller = start_sink()
    try:
        env = {**queue_env, "VIGIE_SMTP_HOST": "127.0.0.1", "VIGIE_SMTP_PORT":
               str(controller.port), "VIGIE_MAIL_FROM": "Vigie <vigie@vigie.test>",
               "VIGIE_SEND_CHUNK": "50", "VIGIE_SEND_CONCURRENCY": "2"}
        pool = workers(database, env)
        for _ in range(2 if database.is_pg else 1):  # SQLite: one worker only
            pool.start("--concurrency", "1")
        pool.wait_ready()  # both take tasks from the start: one plans, the other sends
        done = database.vigie("send", "--date", "2026-10-14", env=database.env(**env))
        assert done.returncode == 0, done.stdout + done.stderr + pool.logs()

        per_reader = Counter(r for m in sink.accepted for r in m.recipients)
        assert sorted(per_reader) == sorted(f"lecteur{i}@exemple.fr" for i in range(readers))
        twice = [r for r, n in per_reader.items() if n > 1]
        assert not twice, f"{len(twice)} lecteurs ont reçu résumé et alertes : {twice[:3]}"
        alerts = dict(database.query("SELECT status, COUNT(*) FROM mailing_delivery "
                                     "WHERE kind = 'alert' GROUP BY status"))
        assert set(alerts) == {"skipped"} and alerts["skipped"] > 0, alerts
        assert f"{alerts['skipped']} alerte(s) comprise(s) dans le résumé du jour" in done.stdout
    finally:
        controller.stop()
