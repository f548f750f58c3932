"""The summary of a sending spread over workers counts each message once, by where it ended:
real ``vigie worker`` processes on the real Redis, a real SMTP server answering 4xx first.

A share whose message met a temporary failure comes back when the retry falls due, carrying
what it did; it carried « à réessayer » too, so that the summary said « 1 à réessayer plus
tard » for a message that had left a moment later (and two for one retried twice).
"""

from __future__ import annotations

import pytest

from tests.mailing.smtp_sink import start_sink
from tests.mailing.test_interruption import SEED
from tests.tasks.conftest import seeded_database

READERS = 12


@pytest.fixture
def readers_database(tmp_path):
    yield from seeded_database(tmp_path / "base", SEED, (READERS, READERS))


def test_retried_then_sent_or_failed_is_not_reported_still_to_retry(readers_database,
                                                                    queue_env, workers):
    database, readers = readers_database
    sink, controller = start_sink()
    sink.refuse("lecteur3@exemple.fr", "451 4.3.0 Réessayez plus tard")
    sink.refuse("lecteur5@exemple.fr", *["452 4.2.2 Boîte pleine"] * 5)
    try:
        env = {**queue_env, "VIGIE_SMTP_HOST": "127.0.0.1", "VIGIE_SMTP_PORT":
               str(controller.port), "VIGIE_MAIL_FROM": "Vigie <vigie@vigie.test>",
               "VIGIE_SEND_RETRY_DELAY": "0.2", "VIGIE_SEND_MAX_ATTEMPTS": "3"}
        pool = workers(database, env)
        pool.start("--concurrency", "1")
        done = database.vigie("send", "--date", "2026-10-14", env=database.env(**env))
        assert done.returncode == 0, done.stdout + done.stderr + pool.logs()
        assert len(sink.to("lecteur3@exemple.fr")) == 1 and not sink.to("lecteur5@exemple.fr")
        states = dict(database.query("SELECT status, COUNT(*) FROM mailing_delivery "
                                     "GROUP BY status"))
        assert states == {"sent": readers - 1, "failed": 1}
        assert f"{readers - 1} envoyé(s)" in done.stdout and "1 en échec" in done.stdout
        assert "à réessayer" not in done.stdout, done.stdout
    finally:
        controller.stop()
