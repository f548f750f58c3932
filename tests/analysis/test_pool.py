"""Deciding in worker processes: the same decisions, in the same order, as deciding here."""

from __future__ import annotations

import pytest

from vigie.analysis.pool import BATCH, Deciders, analysis_workers, decide_batch
from vigie.analysis.store import _articles_of, analysed_item
from vigie.commands.demo import sample_deliveries
from vigie.documents.models import Document

pytestmark = pytest.mark.django_db


def test_workers_decide_as_this_process_does(vigie):
    code, _, _ = vigie("ingest", "--no-analysis", *sample_deliveries())
    assert code == 0
    docs = list(Document.objects.exclude(title="").order_by("uid"))
    articles = _articles_of(docs)
    items = [analysed_item(doc, articles[doc.uid]) for doc in docs] * 4  # several batches
    assert len(items) > 3 * BATCH
    here = decide_batch(items, None, 15)
    with Deciders(workers=1) as deciders:  # a real worker process, starting
        early = deciders.decide(items, None, 15)  # ready or not, the same decisions
        assert deciders.ready(timeout=120)
        before = deciders.shared
        shared = deciders.decide(items, None, 15)
        assert deciders.shared > before  # the worker took batches
        again = deciders.decide(items[:BATCH + 1], None, 15)  # the same worker, reused
    assert [d.to_json() for d in early] == [d.to_json() for d in here]
    assert [d.to_json() for d in shared] == [d.to_json() for d in here]
    assert [d.to_json() for d in again] == [d.to_json() for d in here[:BATCH + 1]]


def test_a_chunk_handed_out_then_collected_is_decided_as_here(vigie):
    """The analysis hands a chunk out, reads and writes others, then collects it: the same
    decisions, in order, whether the workers were ready when it was handed out or not."""
    code, _, _ = vigie("ingest", "--no-analysis", *sample_deliveries())
    assert code == 0
    docs = list(Document.objects.exclude(title="").order_by("uid"))
    articles = _articles_of(docs)
    items = [analysed_item(doc, articles[doc.uid]) for doc in docs] * 3
    here = [d.to_json() for d in decide_batch(items, None, 15)]
    with Deciders(workers=1) as deciders:
        early = deciders.hand_out(items, None, 15)  # the worker is still starting
        assert deciders.ready(timeout=120)
        first = deciders.hand_out(items, None, 15)
        second = deciders.hand_out(items[:BATCH + 2], None, 15)  # queued behind the first
        assert [d.to_json() for d in deciders.collect(second)] == here[:BATCH + 2]
        assert [d.to_json() for d in deciders.collect(first)] == here
        assert [d.to_json() for d in deciders.collect(early)] == here
        # Collecting one while deciding the end of the next instead of waiting.
        third, fourth = (deciders.hand_out(items, None, 15) for _ in range(2))
        assert [d.to_json() for d in deciders.collect(third, fourth)] == here
        assert [d.to_json() for d in deciders.collect(fourth)] == here
        assert deciders.shared > 0


def test_without_workers_this_process_decides_and_nothing_starts():
    with Deciders(workers=0) as deciders:
        assert not deciders.ready()
        assert deciders.decide([], None, 15) == []
    assert deciders.shared == 0


def test_worker_count_follows_the_setting(monkeypatch):
    monkeypatch.setenv("VIGIE_ANALYSIS_WORKERS", "3")
    assert analysis_workers(10) == 3
    monkeypatch.setenv("VIGIE_ANALYSIS_WORKERS", "0")
    assert analysis_workers(100_000) == 0
    monkeypatch.delenv("VIGIE_ANALYSIS_WORKERS")
    assert analysis_workers(10) == 0  # a few texts: no worker is worth starting
