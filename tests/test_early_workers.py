"""Big inputs: the analysis's workers start before the storage, decide with this process,
then make the search index's words while this process reads and writes, and the words of
its vocabulary of corrections while this process builds the editions; the stored decisions,
entries, vocabulary and editions are those of this process alone."""

from __future__ import annotations

import pytest

from vigie import pipeline
from vigie.analysis.models import Analysis
from vigie.analysis.pool import Deciders, decide_batch
from vigie.analysis.store import _articles_of, analysed_item
from vigie.commands.demo import sample_deliveries
from vigie.documents import parallel
from vigie.documents.models import Document
from vigie.editions.models import EditionItem
from vigie.web import search
from vigie.web.models import SearchEntry, SearchState, SearchWord
from vigie.web.search.index import COMPARED
from vigie.web.search.vocabulary import catch_up

pytestmark = pytest.mark.django_db


def _entries() -> list[dict]:
    return list(SearchEntry.objects.order_by("uid").values(*COMPARED))


def test_workers_started_early_leave_the_same_stored_output(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 0)  # every input is big
    monkeypatch.setenv("VIGIE_ANALYSIS_WORKERS", "1")
    handed: list[str] = []
    submit = Deciders.submit

    def patient_submit(self, work, *args):  # wait for the worker: the test must use it
        assert self.ready(timeout=120)
        handed.append(work.__name__)
        return submit(self, work, *args)

    monkeypatch.setattr(Deciders, "submit", patient_submit)
    report = pipeline.ingest(sample_deliveries())
    assert report.status == 0 and set(handed) == {"prepared_all", "surface_words"}
    entries, items = _entries(), list(EditionItem.objects.values_list("uid", "content"))
    words = dict(SearchWord.objects.values_list("word", "form"))
    assert entries and items and words

    # The same vocabulary read here.
    SearchWord.objects.all().delete()
    SearchState.objects.filter(pk=1).update(words_read_to=0)
    catch_up()
    assert dict(SearchWord.objects.values_list("word", "form")) == words

    # The same entries made here, and the same decisions decided here.
    SearchEntry.objects.all().delete()
    search.refresh(Document.objects.values_list("uid", flat=True))
    assert _entries() == entries
    docs = list(Document.objects.filter(analysis__isnull=False).order_by("uid"))
    articles = _articles_of(docs)
    here = decide_batch([analysed_item(doc, articles[doc.uid]) for doc in docs], None, 15)
    stored = dict(Analysis.objects.values_list("document__uid", "decision"))
    assert [stored[doc.uid] for doc in docs] == [d.to_json() for d in here]
