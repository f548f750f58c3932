"""Deciding a delivery's texts as soon as it has assembled them, before the analysis step.

A global-flow delivery assembles its texts at its end (``DeliveryWriter.finish``), chunk after
chunk, while this process alone works: the analysis's workers, started early, would idle.
``Ahead.assembled`` is given each chunk once committed: it reads the texts as the analysis
step would (``store.prepared``) and hands their items to the workers, which decide them
while this process assembles the next chunk. The analysis step then takes these decisions
(``take``) instead of deciding again; it still writes them, as before, so nothing here
writes anything and a crash loses only work done in advance.

A decision taken is the one the analysis step would have made: the text read then must be,
field for field, the one read here (its articles and JSON fields through its content hash,
and the text is only taken within the ingest of one input, with the same options);
otherwise the analysis step decides it as usual. What is handed out in advance is bounded
(``limit`` characters of texts not yet taken), and only handed to workers ready to take it:
this process never decides here what the analysis step will decide anyway.

A ``companion`` makes something else of the texts handed out, from what was read for them
(the search index: their entries' texts, so that it does not read their articles again);
what it made of a text taken is kept for the step that writes it (``made``), valid as its
decision is: the text is the one read here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model

from vigie.analysis.pool import Deciders, Handout
from vigie.analysis.records import Decision
from vigie.documents.fields import JSON_FIELDS

if TYPE_CHECKING:
    from vigie.analysis.store import ArticleText
    from vigie.documents.models import Document

T = TypeVar("T")
# What a companion makes of texts just read (documents, their articles by uid): something
# for each text, in their order.
Companion = Callable[["list[Document]", "dict[str, list[ArticleText]]"], "Sequence[Any]"]


def read_state(row: Model) -> tuple[Any, ...]:
    """What a text's decision and search entry were made from, as stored: every field of its
    row but the JSON ones its content hash covers (``COVERED``), and that hash."""
    return _state_of(type(row))(row)


# A text's JSON fields its content hash covers (``documents.fields``: they change with it, and
# only a delivery, whose assembly hands the text out again, writes them), and its structure,
# which neither the decision nor the search entry reads (the articles' order it gives is in
# the hash). Kept as they were read, their decoded JSON held 5 KB a text decided in advance:
# 20 MB of the 60 that 8 million characters of texts held (a delivery of 160 000 files).
COVERED = frozenset((*JSON_FIELDS, "structure"))


@cache
def _state_of(model: type[Model]) -> Callable[[Model], tuple[Any, ...]]:
    """``read_state`` for a model's rows: one ``attrgetter`` of its stored fields (no Python
    step per field, on thousands of texts read twice); all of them for a model without a
    content hash."""
    fields = model._meta.concrete_fields
    covered = COVERED if any(f.name == "content_hash" for f in fields) else frozenset()
    names = [field.attname for field in fields if field.name not in covered]
    if len(names) == 1:  # attrgetter of one name gives the value, not a tuple
        return lambda row: (getattr(row, names[0]),)
    return attrgetter(*names)


class Ahead:
    """Decisions of texts handed to the workers once assembled, for the analysis step."""

    def __init__(self, deciders: Deciders, today: date | None, urgent_days: int, *,
                 limit: int, attempt: Callable[[Callable[[], T]], T],
                 companion: Companion | None = None) -> None:
        self.deciders, self.today, self.urgent_days = deciders, today, urgent_days
        self.limit, self.attempt, self.companion = limit, attempt, companion
        self.chars = 0  # of the handouts whose decisions are not all taken
        # uid → (its state when read, its handout, its place in it, what the companion made)
        self.entries: dict[str, tuple[tuple[Any, ...], _Given, int, Any]] = {}
        self.made: dict[str, Any] = {}  # what the companion made of the texts taken

    def assembled(self, uids: list[str]) -> None:
        """Hand these texts, just committed, to the workers (if ready, within the limit)."""
        if not uids or self.chars >= self.limit or not self.deciders.ready():
            return
        from vigie.analysis.store import prepared
        docs, items, articles = self.attempt(lambda: prepared(uids))
        handout = self.deciders.hand_out(items, self.today, self.urgent_days)
        if handout.futures is None:  # too few to hand out: the analysis step decides them
            return
        made = (self.companion(docs, articles) if self.companion is not None
                else (None,) * len(docs))
        given = _Given(handout, len(items), sum(len(getattr(i, "text", "")) for i in items))
        self.chars += given.chars
        for index, (doc, extra) in enumerate(zip(docs, made, strict=True)):
            if doc.uid in self.entries:  # assembled again since: decided again
                self._gone(doc.uid)
            self.entries[doc.uid] = (read_state(doc), given, index, extra)

    def holds(self, doc: Document, today: date | None, urgent_days: int) -> bool:
        """Whether the decision of ``doc`` was made in advance for the text read now, with
        these options (``take`` gives it); if not, it is forgotten."""
        entry = self.entries.get(doc.uid)
        if entry is None:
            return False
        if (today, urgent_days) == (self.today, self.urgent_days) \
                and read_state(doc) == entry[0]:
            return True
        self._gone(doc.uid)
        return False

    def take(self, uid: str) -> Decision:
        """The decision made in advance of a text ``holds`` said yes to (what the companion
        made of it kept in ``made``)."""
        _, given, index, extra = self.entries[uid]
        if given.decisions is None:
            given.decisions = self.deciders.collect(given.handout)
        decision = given.decisions[index]
        if extra is not None:
            self.made[uid] = extra
        self._gone(uid)
        return decision

    def _gone(self, uid: str) -> None:
        given = self.entries.pop(uid)[1]
        given.left -= 1
        if not given.left:  # every text of it taken or forgotten: its items go too
            self.chars -= given.chars
            if given.decisions is None:  # none taken: its batches not begun are dropped
                _drop(given.handout)

    def close(self) -> None:
        """Forget what the analysis step did not take (its batches not begun dropped)."""
        for uid in list(self.entries):
            self._gone(uid)
        self.made.clear()


def _drop(handout: Handout) -> None:
    for future in handout.futures or ():
        future.cancel()


class _Given:
    """A handout of texts decided in advance, until each is taken or forgotten."""

    def __init__(self, handout: Handout, left: int, chars: int) -> None:
        self.handout, self.left, self.chars = handout, left, chars
        self.decisions: list[Decision] | None = None
