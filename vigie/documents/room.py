"""Room for the texts a delivery is still bringing: the pieces of new texts wait in memory for
their assembly within bounds, and the texts that have waited longest give way as a bound nears.

A new global-flow text is assembled with the batch that brings its last piece (``complete``)
only while all its pieces wait in memory: its hashed values (``KeptHashes``), its row
(``waiting.WaitingTexts``), its new articles (``waiting.WaitingArticles``) and its outline
(``complete.Outlines``), each store bounded. A text whose last piece does not come (an article
sent in a later delivery, a structure naming an article the delivery lacks) kept its place
until the delivery's end: once such texts had filled a store, no later text was assembled
early any more, and each waited, its articles with it, for the end of the delivery, on one
core while the parsing processes had nothing left to do. On the benchmark's delivery of
100 000 files (a third of its texts lack an article), that end took 1.4 s of an 8 s ingest.

Before each batch (``make_room``), while a store is more than ``SHARE`` full, the text that
has waited longest in it gives way: its pieces go to the database as they would have had they
not fitted, and it is assembled at the end of the delivery, as any text that did not fit.
"""

from __future__ import annotations

from vigie.documents.complete import Outlines
from vigie.documents.waiting import WaitingArticles, WaitingTexts

# A store fuller than this before a batch makes room: the batch finds a quarter of each free.
SHARE = 0.75


class KeptHashes(dict[str, str]):
    """Text uid → its hashed values (``fields.prepare``), kept until its assembly, in the order
    the texts came; at most ``most`` characters in all."""

    def __init__(self, most: int) -> None:
        super().__init__()
        self.chars, self.most = 0, most

    def keep(self, uid: str, hashed: str) -> None:
        """Keep a text's hashed values, if they fit (those kept before for it give way)."""
        self.forget(uid)
        if self.chars + len(hashed) <= self.most:
            self[uid] = hashed
            self.chars += len(hashed)

    def forget(self, uid: str) -> str | None:
        """No longer keep this text's hashed values; returns them."""
        hashed = self.pop(uid, None)
        self.chars -= len(hashed or "")
        return hashed


def make_room(hashed: KeptHashes, held: WaitingTexts, waiting: WaitingArticles,
              outlines: Outlines) -> set[str]:
    """Texts give way, those that waited longest first, until every store is at most
    ``SHARE`` full; returns the texts whose held articles went in (the articles of a stored
    text change its state: ``befores``)."""
    written: set[str] = set()
    while hashed and hashed.chars > hashed.most * SHARE:
        written |= give_way(next(iter(hashed)), hashed, held, waiting, outlines)
    while waiting.rows and waiting.chars > waiting.most_chars * SHARE:
        written |= give_way(next(iter(waiting.rows)), hashed, held, waiting, outlines)
    while outlines.entries > outlines.most_entries * SHARE:
        oldest = next(iter(outlines.structures), None) or next(iter(outlines.sections_of), None)
        if oldest is None:
            break
        written |= give_way(oldest, hashed, held, waiting, outlines)
    return written


def give_way(uid: str, hashed: KeptHashes, held: WaitingTexts, waiting: WaitingArticles,
             outlines: Outlines) -> set[str]:
    """This text's pieces wait in memory no longer: its hashed values are dropped (its
    assembly reads its row), its row and its new articles (at position 0) go in, its outline
    is forgotten (the database has it). Returns the text when articles of it went in."""
    hashed.forget(uid)
    held.insert_any([uid])
    outlines.forget([uid])
    if uid not in waiting.rows:
        return set()
    waiting.insert([uid])
    return {uid}
