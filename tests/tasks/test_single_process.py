"""Without VIGIE_REDIS_URL the tasks run in the calling process (the embedded default): each
calls the pipeline and returns its counts; the sending task spreads shares that send each
message once."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.mailing.conftest import smtp, subscriber  # noqa: F401

pytestmark = pytest.mark.django_db


def test_ingest_editions_and_analyse_tasks_call_the_pipeline(settings):
    from vigie.commands.demo import sample_deliveries
    from vigie.operations.models import Run
    from vigie.tasks import work

    assert settings.CELERY_TASK_ALWAYS_EAGER
    ingested = work.ingest.delay(str(sample_deliveries()[0])).get()
    assert ingested["status"] == 0 and ingested["texts"] == 15
    assert ingested["steps"]["editions"]["created"] == 108
    assert work.editions.delay("2026-10-14").get() == {"unchanged": 108}
    assert work.analyse.delay("2026-10-14").get()["status"] == 0
    kinds = Counter(Run.objects.filter(status=Run.OK).values_list("kind", flat=True))
    assert kinds == {"ingest": 1, "editions": 1, "analyse": 1}


def test_the_send_task_spreads_shares_and_each_reader_gets_one_message(smtp, settings):  # noqa: F811
    from vigie.commands.demo import sample_deliveries
    from vigie.tasks import work

    work.ingest.delay(str(sample_deliveries()[0])).get()
    for i in range(7):
        subscriber(f"lecteur{i}@exemple.fr", departement=("18", "36", "75")[i % 3],
                   alerts=False)
    settings.VIGIE_SEND_CHUNK = 3
    planned = work.send.delay("2026-10-14").get()
    assert planned["planned"]["daily"] == 7 and len(planned["shares"]) == 3
    per_reader = Counter(r for m in smtp.accepted for r in m.recipients)
    assert per_reader == {f"lecteur{i}@exemple.fr": 1 for i in range(7)}
    assert work.send.delay("2026-10-14").get()["shares"] == []  # nothing left to send
