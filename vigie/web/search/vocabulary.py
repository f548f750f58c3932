"""The vocabulary of corrections: the surface words of the indexed texts (``SearchWord``),
and how many texts hold a stem, asked of each engine.

The words are read from the entries after they are written (``catch_up``, at the end of
each refresh), not while the index makes its stems: the index step stays as fast as it was,
and an index written before this vocabulary existed is read whole the first time (after an
upgrade). Entries are read by increasing id from the last one read: a rewritten entry is a
new row (``fts.replace``), with a higher id. Words are only added; how common a word is, or
whether it is indexed still, is asked of the engine (``frequencies``), which is exact and
costs one index probe a stem.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection, transaction

from vigie.config import ingest_queue_bytes
from vigie.web.models import SearchEntry, SearchState, SearchWord
from vigie.web.search.state import moved_on
from vigie.web.search.typos import LONGEST, distance, edits, reach, surface_words

if TYPE_CHECKING:
    from vigie.web.search.index import Helpers

BATCH = 500  # entries read at a time
AHEAD = 64  # batches handed to helpers before their words are stored (``CatchingUp``)
INSERTED = 2000  # words a statement
COUNTED = 1000  # PostgreSQL counts the texts holding a stem up to this many
_SAME_START = ("SELECT word, form FROM web_searchword WHERE word >= %s AND word <= %s "
               "AND LENGTH(word) BETWEEN %s AND %s")
_SQLITE_DOCS = ("SELECT term, doc FROM web_search_vocab "
                "WHERE term IN (SELECT value FROM json_each(%s))")
_PG_DOCS = ("SELECT s, (SELECT COUNT(*) FROM (SELECT 1 FROM web_searchentry "
            "WHERE search_vector @@ to_tsquery('simple'::regconfig, s) LIMIT %s) AS m) "
            "FROM jsonb_array_elements_text(%s::jsonb) AS s")


def catch_up(helpers: Helpers | None = None) -> int:
    """Read the words of the entries written since the last reading; returns how many words
    were new. The search pages move on with them (their suggestions may change)."""
    reading = CatchingUp(helpers)
    reading.begin()
    return reading.end()


class CatchingUp:
    """``catch_up`` in two halves: ``begin`` reads the first batches of entries and hands
    their words to ``helpers`` (the analysis's workers, idle after it), which fold them
    while this process does other work (the editions); ``end`` stores their words, batch
    after batch, the next ones read and handed out meanwhile. Each half can be run again
    after a failure (a busy database): a batch's words are stored with its place, once."""

    def __init__(self, helpers: Helpers | None = None) -> None:
        self.helpers = helpers
        self.ahead = AHEAD if helpers is not None else 1  # batches read before stored
        # ... and their characters: those of the entries an ingest's queue holds, a quarter
        # (as the decisions made in advance, ``analysis.ahead``).
        self.limit, self.chars = ingest_queue_bytes() // 4, 0
        self.added, self.state, self.read_to = 0, None, None
        self.seen = set[str]()  # (spellings met already: not folded again)
        self.done = set[str]()  # (words of the batches before: stored already)
        self.batches: deque[_Batch] = deque()

    def begin(self) -> None:
        if self.read_to is None:
            self.state = SearchState.objects.filter(pk=1).values_list(
                "words_read_to", flat=True).first()
            self.read_to = self.state or 0
        self._fill()

    def end(self) -> int:
        """Store the words of every batch; returns how many words were new."""
        self.begin()
        while self.batches:
            batch = self.batches[0]
            if batch.forms is None:
                batch.forms = self._folded(batch)
            with transaction.atomic():
                new = _add(batch.forms)
                if new or self.state is None:
                    moved_on()  # (also makes the state's row when there is none yet)
                SearchState.objects.filter(pk=1).update(words_read_to=batch.read_to)
            self.added, self.state = self.added + new, 0  # (committed: the row is there)
            self.chars -= batch.chars
            self.batches.popleft()
            self._fill()
        return self.added

    def _fill(self) -> None:
        """Read batches of entries until ``ahead`` are waiting (or ``limit`` characters), each
        handed to a helper."""
        while not self.batches or (len(self.batches) < self.ahead and self.chars < self.limit):
            rows = list(SearchEntry.objects.filter(id__gt=self.read_to).order_by("id")
                        .values_list("id", "title", "text")[:BATCH])
            if not rows:
                return
            self.read_to = rows[-1][0]
            texts = [piece for _, title, text in rows for piece in (title, text)]
            folding = (self.helpers.submit(surface_words, texts)
                       if self.helpers is not None else None)
            self.batches.append(_Batch(self.read_to, texts, folding, sum(map(len, texts))))
            self.chars += self.batches[-1].chars

    def _folded(self, batch: _Batch) -> dict[str, str]:
        """A batch's words, folded by a helper or here (``seen``: spellings met before,
        skipped), but those of the batches before (``done``: stored already)."""
        folding, forms = batch.folding, None
        try:  # a helper that has not begun it (busy, or still starting): done here
            forms = folding.result() if folding and not folding.cancel() else None
        except Exception:  # noqa: BLE001 - a helper gone: the same pure work, done here
            forms = None
        if forms is None:
            forms = surface_words(batch.texts, self.seen)
        forms = {word: form for word, form in forms.items() if word not in self.done}
        self.done.update(forms)
        batch.texts = []  # (read no more)
        return forms


@dataclass
class _Batch:
    """Entries read for the vocabulary: up to which id, their texts, their words."""

    read_to: int
    texts: list[str]
    folding: Future | None  # a helper folding their words
    chars: int
    forms: dict[str, str] | None = None


def _add(forms: dict[str, str]) -> int:
    """Store the words of ``forms`` not stored yet; how many there were."""
    if not forms:
        return 0
    known = set(SearchWord.objects.filter(word__anyof=forms.keys())
                .values_list("word", flat=True))
    new = [SearchWord(word=w, form=f) for w, f in forms.items() if w not in known]
    SearchWord.objects.bulk_create(new, batch_size=INSERTED, ignore_conflicts=True)
    return len(new)


def frequencies(stems: Iterable[str]) -> dict[str, int]:
    """How many entries hold each stem (letters only); PostgreSQL counts up to
    ``COUNTED``. A stem no entry holds is absent."""
    wanted = json.dumps(sorted(set(stems)))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(_SQLITE_DOCS, [wanted])
        else:
            # Counted from the full-text index (GIN), as ``query._count`` does.
            with transaction.atomic():
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute(_PG_DOCS, [COUNTED, wanted])
        return {term: count for term, count in cursor.fetchall() if count}


def neighbours(word: str) -> dict[str, tuple[int, str]]:
    """The stored words near a folded ``word`` (``typos.reach``): word → (distance, form).
    One edit away: every such string, looked up by key. Two: the stored words that begin
    with the same two letters and are about as long, measured one by one (a word mistyped
    twice in its first two letters is not found)."""
    found = {w: (1, f) for w, f in SearchWord.objects.filter(word__anyof=edits(word))
             .values_list("word", "form")}
    if reach(word) < 2:
        return found
    # (Stored words are letters a-z only: in any collation, those that begin with ``start``
    # lie between it and it followed by « z » as many times as a word has letters.)
    start = word[:2]
    with connection.cursor() as cursor:
        cursor.execute(_SAME_START, [start, start + "z" * LONGEST, len(word) - 2, len(word) + 2])
        for other, form in cursor.fetchall():
            if other not in found and other != word:
                apart = distance(word, other, 2)
                if apart <= 2:
                    found[other] = (apart, form)
    return found
