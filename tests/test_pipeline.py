"""The pipeline as one module: inputs, then analysis, search index and editions, reported."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from datetime import date

import pytest

from vigie import pipeline
from vigie.commands.demo import sample_deliveries
from vigie.documents.ingest import InputReport
from vigie.documents.sync import SyncNotice
from vigie.editions.models import Edition
from vigie.web.models import SearchEntry

pytestmark = pytest.mark.django_db
DAY = date(2026, 10, 14)


def test_ingest_reports_each_input_then_each_later_step_in_order():
    events = []
    with redirect_stdout(io.StringIO()) as out, redirect_stderr(io.StringIO()) as err:
        report = pipeline.ingest(sample_deliveries(), notify=events.append)
    assert out.getvalue() == err.getvalue() == ""  # nothing here prints
    assert report.status == 0 and len(report.inputs) == 1
    assert [type(e).__name__ for e in events] == ["InputReport", "StepReport", "StepReport",
                                                  "StepReport"]
    assert [s.name for s in report.steps] == [pipeline.ANALYSIS, pipeline.INDEX,
                                              pipeline.EDITIONS]
    touched = report.inputs[0].touched
    assert touched and report.touched == touched
    assert all(step.uids == touched for step in report.steps[1:])  # what each step covered
    assert report.step(pipeline.ANALYSIS).counts["created"] == len(touched)
    assert report.step(pipeline.EDITIONS).days == {DAY: {"created": 108}}
    assert SearchEntry.objects.count() == report.step(pipeline.INDEX).counts["indexed"]


def test_ingesting_again_changes_nothing_and_says_so():
    pipeline.ingest(sample_deliveries())
    again = pipeline.ingest(sample_deliveries())
    assert again.inputs[0].status == "skipped" and not again.steps


def test_storing_only_leaves_the_later_steps_for_later():
    report = pipeline.ingest(sample_deliveries(), analysis=False)
    assert report.inputs[0].touched and not report.steps and not Edition.objects.exists()
    again = pipeline.reanalyse(DAY)
    assert [s.name for s in again.steps] == [pipeline.ANALYSIS, pipeline.INDEX,
                                             pipeline.EDITIONS]
    assert Edition.objects.filter(date=DAY).count() == 108


def test_a_sync_that_breaks_still_publishes_what_it_ingested(monkeypatch):
    """The network may fail half-way: what was ingested goes on to the later steps."""
    from vigie.documents import ingest as ingesting

    def half_then_crash(base_url, flow, *, since, progress, notify, attempt=None):
        notify(SyncNotice("Flux jorfsimple : 2 livraison(s) à traiter."))
        notify(ingesting.ingest_path(sample_deliveries()[0]))
        raise ConnectionResetError("connexion perdue")

    monkeypatch.setattr(pipeline, "sync_flow", half_then_crash)
    events = []
    with pytest.raises(ConnectionResetError):
        pipeline.sync("http://dila.invalid/", "jorfsimple", notify=events.append)
    assert isinstance(events[0], SyncNotice) and isinstance(events[1], InputReport)
    assert Edition.objects.filter(date=DAY).count() == 108
