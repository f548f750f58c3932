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
from collections.abc import Iterable

from django.db import connection, transaction

from vigie.web.models import SearchEntry, SearchState, SearchWord
from vigie.web.search.state import moved_on
from vigie.web.search.typos import LONGEST, distance, edits, reach, surface_words

BATCH = 500  # entries read at a time
INSERTED = 2000  # words a statement
COUNTED = 1000  # PostgreSQL counts the texts holding a stem up to this many
_SAME_START = ("SELECT word, form FROM web_searchword WHERE word >= %s AND word <= %s "
               "AND LENGTH(word) BETWEEN %s AND %s")
_SQLITE_DOCS = ("SELECT term, doc FROM web_search_vocab "
                "WHERE term IN (SELECT value FROM json_each(%s))")
_PG_DOCS = ("SELECT s, (SELECT COUNT(*) FROM (SELECT 1 FROM web_searchentry "
            "WHERE search_vector @@ to_tsquery('simple'::regconfig, s) LIMIT %s) AS m) "
            "FROM jsonb_array_elements_text(%s::jsonb) AS s")


def catch_up() -> int:
    """Read the words of the entries written since the last reading; returns how many words
    were new. The search pages move on with them (their suggestions may change)."""
    added, seen = 0, set[str]()  # (spellings read already: not folded nor looked up again)
    state = SearchState.objects.filter(pk=1).values_list("words_read_to", flat=True).first()
    read_to = state or 0
    while True:
        rows = list(SearchEntry.objects.filter(id__gt=read_to).order_by("id")
                    .values_list("id", "title", "text")[:BATCH])
        if not rows:
            return added
        read_to = rows[-1][0]
        with transaction.atomic():
            new = _add(surface_words([piece for _, title, text in rows
                                      for piece in (title, text)], seen))
            if new or state is None:
                moved_on()  # (also makes the state's row when there is none yet)
                state = 0
            SearchState.objects.filter(pk=1).update(words_read_to=read_to)
        added += new


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
