"""``/sante/`` for load balancers: JSON, never cached (503 when the database is unreachable:
against gunicorn, in ``test_serve``)."""

from __future__ import annotations

import json

import pytest

from tests.plans import plan


@pytest.mark.django_db
def test_health_says_database_syncs_and_deliveries(client, ingested_demo):
    from django.utils import timezone

    from vigie.mailing.models import Delivery, Subscriber
    from vigie.operations.models import Run

    Run.objects.create(kind=Run.SYNC, source="jorfsimple", status=Run.OK,
                       started_at=timezone.now(), finished_at=timezone.now())
    reader = Subscriber.objects.create(email="lectrice@exemple.fr", departement="18",
                                       status=Subscriber.ACTIVE)
    Delivery.objects.create(subscriber=reader, kind=Delivery.DAILY, key="2026-10-14",
                            message_id="<a@vigie.test>", next_attempt_at=timezone.now())
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    body = json.loads(response.content)
    assert body["status"] == "ok" and body["database"] == "ok"
    assert set(body["syncs"]) == {"jorf", "jorfsimple"}
    assert body["syncs"]["jorfsimple"]["last_success"] is not None
    assert body["syncs"]["jorf"]["last_success"] is None
    assert body["deliveries"] == {"pending": 1, "sending": 0, "failed": 0}
    assert body["unfinished_inputs"] == []
    assert "lectrice" not in response.content.decode()


@pytest.mark.django_db
def test_health_never_reads_the_messages_sent(client):
    """Polled every few seconds, ``/sante/`` counts the messages pending, sending and failed:
    each from its partial index, never over every message ever sent (it grouped them all by
    state: a third of a second at 1.5 million, at every poll)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from vigie.mailing.models import Delivery, Subscriber

    reader = Subscriber.objects.create(email="lectrice@exemple.fr", departement="18",
                                       status=Subscriber.ACTIVE)
    for n, status in enumerate((Delivery.SENT, Delivery.FAILED, Delivery.PENDING)):
        Delivery.objects.create(subscriber=reader, kind=Delivery.DAILY, key=f"2026-10-1{n}",
                                status=status, message_id=f"<{n}@vigie.test>",
                                next_attempt_at=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sante/")
    assert json.loads(response.content)["deliveries"] == {"pending": 1, "sending": 0,
                                                          "failed": 1}
    reads = [q["sql"] for q in queries.captured_queries if "mailing_delivery" in q["sql"]]
    assert reads
    for sql in reads:
        assert "delivery_due" in plan(sql) or "delivery_failed" in plan(sql), sql


@pytest.mark.django_db
def test_health_tells_inputs_read_in_part_and_the_anomalies(client, vigie, tmp_path,
                                                             monkeypatch):
    """An input read in part (a file refused for its size) and the anomalies were told by
    ``vigie status`` only: ``/sante/`` said « ok » and nothing else, so a monitor never saw
    an ingestion that left files out. Now it gives both, as ``vigie status`` counts them."""
    question = tmp_path / "QANR5L16QE1.json"
    question.write_text(json.dumps({"question": {"uid": "QANR5L16QE1", "x": "x" * 3000}}))
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "0.001")
    code, _, err = vigie("ingest", "--no-analysis", str(question))
    assert code == 1 and "VIGIE_INGEST_MAX_FILE_MB" in err
    body = json.loads(client.get("/sante/").content)
    assert body["status"] == "ok" and body["incomplete_inputs"] == ["QANR5L16QE1.json"]
    assert body["anomalies"] == {"total": 1, "last_24h": 1}
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "1")  # the limit raised: read whole
    vigie("ingest", "--no-analysis", str(question))
    assert json.loads(client.get("/sante/").content)["incomplete_inputs"] == []
