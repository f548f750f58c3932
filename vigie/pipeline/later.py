"""The later steps after the analysis: the search index, then the editions.

With the analysis's workers (idle once it is done), the index's vocabulary of corrections
(``search.vocabulary.CatchingUp``) is only begun before the editions: the workers fold its
words while this process builds the editions, and it is ended after them. The index step is
marked done only then: a run killed meanwhile leaves it pending, and the next run finishes it
(each step is idempotent).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from vigie.documents import followups
from vigie.documents.followups import EDITIONS, INDEX
from vigie.operations.exclusive import patiently

if TYPE_CHECKING:
    from vigie.analysis.pool import Deciders
    from vigie.documents.models import FollowUp
    from vigie.pipeline import StepReport


def index_and_editions(record: Callable[[StepReport], None], owed: list[FollowUp],
                       helpers: Deciders | None, done: frozenset[str]) -> None:
    """The search index step, then the editions step, each for the follow-ups owing it, and
    what each did given to ``record``.
    With ``helpers`` (the analysis's workers, idle now), the index's vocabulary of
    corrections is only begun before the editions, its words folded by them meanwhile, and
    ended after: the index is marked done then."""
    from vigie.pipeline import editions, index
    from vigie.web.search.vocabulary import CatchingUp
    words = CatchingUp(helpers) if helpers is not None else None
    indexed = [f for f in owed if INDEX not in f.done]
    if indexed:
        record(index(_uids(indexed), helpers, done, words))
        if words is None:
            patiently(lambda: followups.mark_done(indexed, INDEX))
    published = [f for f in owed if EDITIONS not in f.done]
    if published:
        record(editions(_uids(published), left=followups.days_left(published)))
    if indexed and words is not None:
        patiently(words.end)
        patiently(lambda: followups.mark_done(indexed, INDEX))
    if published:
        patiently(lambda: followups.mark_done(published, EDITIONS))


def _uids(owed: list[FollowUp]) -> set[str]:
    return {uid for followup in owed for uid in followup.uids}
