"""The vocabulary of corrections caught up with the analysis's workers (``CatchingUp``): its
words folded by them while the ingest builds the editions, then stored; the same words, with
the same spellings, as when this process folds them, whatever the helpers did with them."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import Future

import pytest

from tests.web.test_search_suggestion import TEXTS
from vigie.web.models import SearchState, SearchWord
from vigie.web.search import vocabulary
from vigie.web.search.vocabulary import CatchingUp, catch_up


class Helpers:
    """Workers as ``analysis.pool.Deciders`` gives them: each work done at once (``begun``)
    or never begun, and so taken back by the caller."""

    def __init__(self, begun: bool = True) -> None:
        self.begun, self.handed = begun, 0

    def submit(self, work, *args) -> Future:
        self.handed += 1
        future: Future = Future()
        if self.begun:
            future.set_result(work(*args))
        return future


@pytest.fixture
def texts(ingest_written, monkeypatch):
    ingest_written(TEXTS, "S")
    monkeypatch.setattr(vocabulary, "BATCH", 2)  # several batches of entries
    monkeypatch.setattr(vocabulary, "AHEAD", 3)


def _forgotten() -> dict[str, str]:
    """The vocabulary the ingest stored, then forgotten: to be read again."""
    stored = dict(SearchWord.objects.values_list("word", "form"))
    SearchWord.objects.all().delete()
    SearchState.objects.filter(pk=1).update(words_read_to=0)
    return stored


@pytest.mark.django_db
@pytest.mark.parametrize("begun", [True, False])
def test_words_folded_by_helpers_are_those_folded_here(texts, begun):
    here = _forgotten()
    assert catch_up() == len(here) and "intercommunalite" in here
    _forgotten()
    helpers = Helpers(begun)
    reading = CatchingUp(helpers)
    reading.begin()
    # Begun: the first batches handed to the helpers, nothing stored yet.
    assert helpers.handed == 3 and not SearchWord.objects.exists()
    assert reading.end() == len(here)
    assert dict(SearchWord.objects.values_list("word", "form")) == here
    assert helpers.handed == (len(TEXTS) + 1) // 2  # every batch handed out, once
    assert CatchingUp(helpers).end() == 0  # nothing left to read


@pytest.mark.django_db
def test_a_failed_end_stores_its_batch_once_when_run_again(texts, monkeypatch):
    here = _forgotten()
    reading, calls = CatchingUp(Helpers()), [0]
    add = vocabulary._add

    def busy_once(forms):
        calls[0] += 1
        if calls[0] == 2:  # the second batch's write fails (a busy database)
            raise RuntimeError("occupée")
        return add(forms)
    monkeypatch.setattr(vocabulary, "_add", busy_once)
    reading.begin()
    with pytest.raises(RuntimeError):
        reading.end()
    reading.end()  # run again (``patiently``): the batch not stored is stored now
    assert dict(SearchWord.objects.values_list("word", "form")) == here


@pytest.mark.django_db
def test_what_is_read_ahead_is_bounded_by_its_characters(texts, monkeypatch):
    here = _forgotten()
    monkeypatch.setattr(vocabulary, "ingest_queue_bytes", lambda: 4 * 60)  # 60 characters
    helpers = Helpers()
    reading = CatchingUp(helpers)
    reading.begin()
    assert helpers.handed == 1  # one batch of two texts is more than 60 characters
    assert reading.end() == len(here)


@pytest.mark.django_db
def test_a_run_stopped_in_the_editions_leaves_the_index_owed(texts, monkeypatch):
    """With helpers, the index step is marked done only once its vocabulary is stored,
    after the editions: stopped in between, the next run finishes both."""
    import vigie.pipeline as pipeline
    from vigie.documents import followups
    from vigie.documents.followups import ANALYSIS, EDITIONS, INDEX
    from vigie.pipeline.later import index_and_editions

    here = _forgotten()
    followup = followups.record("essai", TEXTS)
    followups.mark_done([followup], ANALYSIS)
    editions = pipeline.editions

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(pipeline, "editions", stopped)
    with pytest.raises(KeyboardInterrupt):
        index_and_editions(lambda step: None, followups.pending(), Helpers(), frozenset())
    followup.refresh_from_db()
    assert INDEX not in followup.done and not SearchWord.objects.exists()
    monkeypatch.setattr(pipeline, "editions", editions)
    index_and_editions(lambda step: None, followups.pending(), Helpers(), frozenset())
    followup.refresh_from_db()
    assert followup.finished_at is not None and {INDEX, EDITIONS} <= set(followup.done)
    assert dict(SearchWord.objects.values_list("word", "form")) == here



def test_the_spelling_kept_does_not_hang_on_the_hash_seed():
    """Two accented spellings of a word: the most accented is kept, whatever the hash seed
    of the process (a worker's is not the main process's) and the order of the texts; an
    accented spelling before the plain one."""
    code = ("import sys; from vigie.web.search.typos import surface_words; "
            "forms = surface_words(sys.argv[1:]); print(forms['arrete'], forms['oeuvre'])")
    texts = ["Arrêté du préfet", "il arrête", "ARRETE", "œuvre", "oeuvre", "arrete"]
    kept = set()
    for seed in range(8):
        run = subprocess.run([sys.executable, "-c", code, *texts[seed % 6:], *texts[:seed % 6]],
                             env={**os.environ, "PYTHONHASHSEED": str(seed)},
                             capture_output=True, text=True, check=True)
        kept.add(run.stdout.strip())
    assert kept == {"arrêté œuvre"}
