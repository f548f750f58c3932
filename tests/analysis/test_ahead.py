"""Texts decided as the delivery assembles them (``analysis.ahead``): the decisions stored are
those the analysis step makes itself, and a text changed since is decided again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from vigie import pipeline
from vigie.analysis import pool
from vigie.analysis.ahead import Ahead
from vigie.analysis.models import Analysis
from vigie.analysis.pool import Deciders, decide_batch
from vigie.analysis.store import _articles_of, analysed_item, prepared
from vigie.documents import parallel
from vigie.documents.ingest import ingest_path
from vigie.documents.lifeline import die_with
from vigie.documents.models import Document
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


@contextmanager
def _handed_out(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Ahead, list[str]]]:
    """The fixture delivery ingested, and every text of it handed to one worker in advance."""
    monkeypatch.setattr(pool, "BATCH", 1)
    assert ingest_path(DELIVERY).status == "done"
    uids = sorted(Document.objects.exclude(title="").values_list("uid", flat=True))
    assert 1 < len(uids) <= ASSEMBLY_CHUNK
    with Deciders(1, die_with) as deciders:
        assert deciders.ready(timeout=120)
        ahead = Ahead(deciders, None, 15, limit=10**9, attempt=lambda work: work())
        ahead.assembled(uids)
        yield ahead, uids


def test_a_text_changed_since_is_not_taken(monkeypatch):
    with _handed_out(monkeypatch) as (ahead, uids):
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


def test_a_text_whose_content_changed_is_not_taken_its_json_held_by_its_hash(monkeypatch):
    """What is kept of a text decided in advance holds its content hash, not its decoded
    JSON fields (5 KB a text): a notice changed since changes the hash, and the text is
    decided again; its structure, which nothing decided reads, is not kept."""
    from vigie.analysis.ahead import read_state
    from vigie.documents.fields import content_hash
    with _handed_out(monkeypatch) as (ahead, uids):
        doc = Document.objects.get(uid=uids[0])
        state = read_state(doc)
        assert doc.notice and doc.structure and not any(
            value in (doc.notice, doc.structure, doc.cited) for value in state)
        Document.objects.filter(uid=doc.uid).update(
            notice={**doc.notice, "objet": "Autre objet."},
            content_hash=content_hash({"notice": "autre"}, []))
        assert not ahead.holds(Document.objects.get(uid=doc.uid), None, 15)
        assert all(ahead.holds(Document.objects.get(uid=uid), None, 15) for uid in uids[1:])
        ahead.close()


def test_a_text_assembled_again_is_decided_again_and_its_first_handout_let_go(monkeypatch):
    """A delivery assembles again, at its end, a text it assembled early (a sommaire placed
    it since): its new state is decided, and what was handed out first no longer counts
    against the limit once the analysis step is done."""
    with _handed_out(monkeypatch) as (ahead, uids):
        again = uids[0]
        Document.objects.filter(uid=again).update(title="Arrêté placé par le sommaire")
        ahead.assembled(uids[:2])
        doc = Document.objects.get(uid=again)
        assert ahead.holds(doc, None, 15)
        decision = ahead.take(again).to_json()
        ahead.close()
        assert ahead.chars == 0 and not ahead.entries
    assert decision == _here([doc])[0]


def _entries() -> list[dict]:
    from vigie.web.models import SearchEntry
    from vigie.web.search.index import COMPARED
    return list(SearchEntry.objects.order_by("uid").values(*COMPARED))


def test_the_entries_made_with_the_decisions_in_advance_are_those_the_index_makes(monkeypatch):
    """The entries' texts made as the delivery assembled (their articles not read again)
    are those the index step makes itself of the stored texts."""
    from vigie.web import search
    from vigie.web.models import SearchEntry
    from vigie.web.search import index
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setenv("VIGIE_ANALYSIS_WORKERS", "1")
    monkeypatch.setattr(pool, "BATCH", 1)
    assembled, take, made = Ahead.assembled, index.Alongside.take, []

    def patient(self, uids):
        assert self.deciders.ready(timeout=120)
        assembled(self, uids)

    def counted(self, decided, articles=None):
        made.extend(uid for uid in self.made if uid in {doc.uid for doc, _ in decided})
        return take(self, decided, articles)

    monkeypatch.setattr(Ahead, "assembled", patient)
    monkeypatch.setattr(index.Alongside, "take", counted)
    assert pipeline.ingest([DELIVERY]).status == 0
    entries = _entries()
    assert made and len(entries) >= len(made)  # the entries were written from them
    SearchEntry.objects.all().delete()
    search.refresh(Document.objects.values_list("uid", flat=True))
    assert _entries() == entries


def test_the_analysis_step_writes_the_entries_from_the_articles_it_read(monkeypatch):
    """Texts decided at the analysis step (none in advance): their entries are made from the
    articles the analysis read, read once (one query for the chunk, not a second one for the
    index), and are those the index step makes itself of the stored texts."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vigie.web import search
    from vigie.web.models import SearchEntry
    monkeypatch.setenv("VIGIE_ANALYSIS_WORKERS", "0")
    assert pipeline.ingest([DELIVERY], analysis=False).status == 0
    uids = list(Document.objects.exclude(title="").values_list("uid", flat=True))
    assert len(uids) < 200  # one chunk of the analysis
    with CaptureQueriesContext(connection) as queries:
        report = pipeline.analyse(uids)
    assert report.counts["created"] and set(report.indexed) == set(report.uids)
    read = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")
            and "documents_article" in q["sql"]]
    assert len(read) == 1
    entries = _entries()
    SearchEntry.objects.all().delete()
    search.refresh(Document.objects.values_list("uid", flat=True))
    assert entries and _entries() == entries


def test_the_entry_text_made_in_advance_keeps_the_index_order_of_articles():
    """Articles of one position (never after an assembly, but stored so) come in the
    index's order (position, article_id), not the analysis's (position, id)."""
    from vigie.documents.models import Article
    from vigie.web.search.index import _articles_by_text, _texts, body_text, title_text
    assert ingest_path(DELIVERY).status == "done"
    docs = [d for d in Document.objects.exclude(title="")
            if Article.objects.filter(text_uid=d.uid).count() > 1]
    assert docs
    for doc in docs:  # stored again in the reverse order of their ids, all at position 0
        stored = list(Article.objects.filter(text_uid=doc.uid).order_by("-article_id"))
        Article.objects.filter(text_uid=doc.uid).delete()
        for article in stored:
            article.pk, article.position = None, 0
        Article.objects.bulk_create(stored)
        articles = _articles_of([doc])[doc.uid]
        index_order = _articles_by_text([doc.uid])[doc.uid]
        assert [a.article_id for a in articles] != sorted(a.article_id for a in articles)
        assert _texts(doc, articles) == (title_text(doc), body_text(doc, index_order))
