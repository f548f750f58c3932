"""The analysis's workers started before the storage of big inputs (``vigie ingest``).

They import the analysis and load the geography on the processor the parsing leaves idle,
and are ready when the analysis step begins; while the input's texts are assembled, they
already decide those assembled (``deciding_ahead``). Nothing is imported here before it is
needed: ``vigie ingest --no-analysis`` starts without the analysis.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, closing, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from vigie.analysis.pool import Deciders

T = TypeVar("T")


def early_deciders(paths: list[Path], analysis: bool) -> AbstractContextManager:
    """The deciders for inputs of ``PARALLEL_FROM_BYTES`` or more to analyse (a context
    manager giving None otherwise: the analysis step starts its own when worth it)."""
    from vigie.documents.parallel import PARALLEL_FROM_BYTES
    from vigie.sources.archives import inflated_size
    if not analysis or sum(inflated_size(p, p.stat().st_size) for p in paths
                           if p.is_file()) < PARALLEL_FROM_BYTES:
        return nullcontext(None)
    from vigie.analysis.pool import PARALLEL_FROM
    from vigie.analysis.store import deciders_for
    return deciders_for(PARALLEL_FROM)


def deciding_ahead(deciders: Deciders | None, paths: list[Path],
                   attempt: Callable[[Callable[[], T]], T]) -> AbstractContextManager:
    """What decides the texts of a single input as it assembles them, with the ``deciders``
    started early (a context manager giving None without them, or for several inputs: a
    later one could change the texts an earlier one assembled); at its end, what was not
    taken is forgotten."""
    if deciders is None or len(paths) != 1:
        return nullcontext(None)
    from vigie.analysis.ahead import Ahead
    from vigie.config import ingest_queue_bytes
    from vigie.documents.followups import AnalysisOptions
    from vigie.web.search.index import made_ahead
    options = AnalysisOptions()  # those of an ingest's follow-ups
    # The search entries' texts of the texts decided in advance, from what was read for them.
    return closing(Ahead(deciders, options.today, options.urgent_days,
                         limit=ingest_queue_bytes() // 4, attempt=attempt,
                         companion=made_ahead))
