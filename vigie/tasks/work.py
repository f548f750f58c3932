"""The tasks: each calls the pipeline, returns counts (JSON), and lets Celery retry it.

Retries with backoff are Celery's: a database that went away retries the task (exponential
backoff with jitter); a share whose messages wait for a retry (temporary SMTP
failure) comes back when the earliest falls due, carrying what it already sent; a relay that
refuses us whatever the message makes the share retry later, doubling the wait.

Exactly once. Tasks are acknowledged after they finish (``acks_late``) and go back to the
queue when their process dies (``reject_on_worker_lost``) or their machine is lost (the
visibility timeout of the Redis broker). A share may therefore run twice, even at the same
time on two machines: the ledger's claim gives each message to one claimer only, a claimer's
lock tells the others it is alive, and only the rows of dead claimers are taken back.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from vigie import pipeline
from vigie.mailing.models import Delivery
from vigie.mailing.sending.sender import AlreadyRunning
from vigie.operations.exclusive import AnotherRun
from vigie.operations.repairs import expired_sessions
from vigie.tasks.app import app

# AnotherRun: an ingestion, sync, analysis or repair held the database past
# VIGIE_PIPELINE_WAIT; the task comes back later.
RETRIED = {"autoretry_for": (OperationalError, InterfaceError, AnotherRun), "retry_backoff": True,
           "retry_backoff_max": 600, "retry_jitter": True, "max_retries": 5}


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _pipeline_counts(report: pipeline.PipelineReport) -> dict[str, Any]:
    return {"status": report.status, "inputs": len(report.inputs), "texts": len(report.touched),
            "steps": {s.name: dict(s.counts) for s in report.steps}}


@app.task(name="vigie.ingest", **RETRIED)
def ingest(path: str, force: bool = False) -> dict[str, Any]:
    """Ingest one delivery (archive, folder or file), then analyse, index and publish."""
    return _pipeline_counts(pipeline.ingest([Path(path)], force=force))


@app.task(name="vigie.analyse", **RETRIED)
def analyse(day: str | None = None) -> dict[str, Any]:
    """Analyse the texts of a publication day (None: all), then index and publish changes."""
    return _pipeline_counts(pipeline.reanalyse(_day(day)))


@app.task(name="vigie.editions", **RETRIED)
def editions(day: str) -> dict[str, int]:
    """Build the editions of one edition day, then render its pages for the readers."""
    return dict(pipeline.publish(date.fromisoformat(day)).counts)


@app.task(name="vigie.sync", **RETRIED)
def sync(flow: str = "jorfsimple", source: str = "dila") -> dict[str, Any]:
    """Fetch and ingest a source's new deliveries, in order, then the later steps.

    ``source`` is one of ``vigie sync --source``'s choices; ``dila`` (the default): the
    Journal officiel's flow ``flow``, as before, its counts as before and a database gone
    retried. Any other: ``every_source.sync_sources``, as ``vigie sync --source`` and the
    morning task — each source's counts under ``sources``, the worst status; a source that
    fails is journaled and its status kept, not retried (the next run takes it up)."""
    if source == "dila":
        return _pipeline_counts(pipeline.sync(settings.VIGIE_DILA_BASE_URL, flow))
    return _sources(flow, source)


def _sources(flow: str, source: str) -> dict[str, Any]:
    """``source``'s runs (``every_source.sync_sources``): the worst status, and each
    source's counts under ``sources``."""
    from vigie.pipeline.every_source import Plan, status, sync_sources

    reports = sync_sources(source, Plan(settings.VIGIE_DILA_BASE_URL, flow))
    return {"status": status(reports),
            "sources": {name: _pipeline_counts(report) for name, report in reports.items()}}


@app.task(name="vigie.send", **RETRIED)
def send(day: str | None = None) -> dict[str, Any]:
    """Plan what is due, and one ``send_share`` task per VIGIE_SEND_CHUNK messages, queued
    as soon as its rows are planned (the day's digests once its alerts are too, see
    ``planner.plan``): the other workers send while this one plans."""
    ids: list[str] = []
    try:
        report, _ = pipeline.plan_shares(_day(day), settings.VIGIE_SEND_CHUNK,
                                         lambda scope: ids.append(send_share.delay(*scope).id))
    except AlreadyRunning:
        return {"already_running": True}
    return {"day": report.day.isoformat() if report.day else None,
            "planned": dict(report.planned), "recovered": report.recovered, "shares": ids}


@app.task(name="vigie.send_share", bind=True, **RETRIED)
def send_share(self, first: int, last: int, done: dict[str, int] | None = None
               ) -> dict[str, int]:
    """Send what is due among rows ``first`` to ``last``; ``done``: earlier attempts."""
    report, later = pipeline.send_share(first, last)
    total = Counter(done or {}) + report.outcomes
    total["recovered"] += report.recovered
    # What an attempt left to retry is the next attempt's to count (sent, failed or left
    # again): only what ended is carried.
    ended = {status: n for status, n in total.items() if status != Delivery.PENDING}
    kwargs = {"first": first, "last": last, "done": ended}
    cap = settings.VIGIE_TASK_VISIBILITY_TIMEOUT / 2  # beyond, the broker would hand it out
    if report.stopped:  # the relay refuses us: try the whole share again later
        wait = settings.VIGIE_SEND_RETRY_DELAY * 2 ** self.request.retries
        raise self.retry(kwargs=kwargs, countdown=min(wait, cap),
                         max_retries=settings.VIGIE_SEND_MAX_ATTEMPTS)
    if later is not None:  # messages waiting for their backoff: come back when due
        wait = max(0.0, (later - timezone.now()).total_seconds())
        raise self.retry(kwargs=kwargs, countdown=min(wait, cap), max_retries=None)
    return dict(total)


@app.task(name="vigie.morning")
def morning(flow: str = "jorfsimple", source: str = "all") -> dict[str, Any]:
    """The scheduled run: every source (``source``: one of ``vigie sync --source``'s
    choices), synced in this worker, one failing not stopping the others; then sending
    spread over the workers, the messages already due sent even if the sync failed."""
    try:
        synced = _sources(flow, source)
    except Exception as error:  # noqa: BLE001 — journal and logs have it; send all the same
        synced = {"status": 1, "error": type(error).__name__}
    sent = send()
    # The back office's sessions past their end go with the morning.
    return {"sync": synced, "send": sent, "sessions": expired_sessions()}
