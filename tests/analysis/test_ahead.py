"""Texts decided as the delivery assembles them (``analysis.ahead``): the decisions stored are
those the analysis step makes itself, and a text changed since is decided again."""

from __future__ import annotations

import pytest

from vigie import pipeline
from vigie.analysis import pool
from vigie.analysis.ahead import Ahead
from vigie.analysis.models import Analysis
from vigie.analysis.pool import Deciders, decide_batch
from vigie.analysis.store import _articles_of, analysed_item, prepared
from vigie.documents import parallel
from vigie.documents.ingest import ingest_path
from vigie.documents.models import Document
from vigie.documents.parallel import die_with
from vigie.documents.store import ASSEMBLY_CHUNK

from ..conftest import FIXTURES

pytestmark = pytest.mark.django_db
DELIVERY = FIXTURES / "global" / "JORF_20260923-011003"


def _here(docs: list[Document]) -> list[dict]:
    """The decisions of these texts made in this process, one by one."""
    articles = _articles_of(docs)
    return [d.to_json() for d in decide_batch(
        [analysed_item(doc, articles[doc.uid]) for doc in docs], None, 15)]


def test_an_ingest_takes_the_decisions_made_as_it_assembled(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 0)  # every input is big
    monkeypatch.setenv("VIGIE_ANALYSIS_WORKERS", "1")
    monkeypatch.setattr(pool, "BATCH", 1)  # a handful of texts is handed out
    assembled, take, taken = Ahead.assembled, Ahead.take, []

    def patient(self, uids):  # wait for the worker: the test must use it
        assert self.deciders.ready(timeout=120)
        assembled(self, uids)

    def counted(self, uid):
        taken.append(uid)
        return take(self, uid)

    monkeypatch.setattr(Ahead, "assembled", patient)
    monkeypatch.setattr(Ahead, "take", counted)
    report = pipeline.ingest([DELIVERY])
    assert report.status == 0
    docs = list(Document.objects.filter(analysis__isnull=False).order_by("uid"))
    assembled = [doc.uid for doc in docs if doc.status != Document.STATUS_SOMMAIRE]
    assert assembled and sorted(taken) == assembled  # a text the sommaire alone knows: not
    stored = dict(Analysis.objects.values_list("document__uid", "decision"))
    assert [stored[doc.uid] for doc in docs] == _here(docs)


def test_a_text_changed_since_is_not_taken(monkeypatch):
    monkeypatch.setattr(pool, "BATCH", 1)
    assert ingest_path(DELIVERY).status == "done"
    uids = sorted(Document.objects.exclude(title="").values_list("uid", flat=True))
    assert 1 < len(uids) <= ASSEMBLY_CHUNK
    with Deciders(1, die_with) as deciders:
        assert deciders.ready(timeout=120)
        ahead = Ahead(deciders, None, 15, limit=10**9, attempt=lambda work: work())
        ahead.assembled(uids)
        changed, kept = uids[0], uids[1:]
        Document.objects.filter(uid=changed).update(title="Arrêté modifié entre-temps")
        docs = {d.uid: d for d in Document.objects.filter(uid__in=uids)}
        assert not ahead.holds(docs[changed], None, 15)
        assert not ahead.holds(docs[kept[0]], None, 30)  # other options: decided again
        assert all(ahead.holds(docs[uid], None, 15) for uid in kept[1:])
        decisions = [ahead.take(uid).to_json() for uid in kept[1:]]
        ahead.close()
    assert decisions == _here([docs[uid] for uid in kept[1:]])
    assert sorted(d.uid for d in prepared(uids)[0]) == uids  # what it reads: every stale text
