"""The analysis's workers started before the storage of big inputs (``vigie ingest``).

They import the analysis and load the geography on the processor the parsing leaves idle,
and are ready when the analysis step begins. Nothing is imported here before it is needed:
``vigie ingest --no-analysis`` starts without the analysis.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from pathlib import Path


def early_deciders(paths: list[Path], analysis: bool) -> AbstractContextManager:
    """The deciders for inputs of ``PARALLEL_FROM_BYTES`` or more to analyse (a context
    manager giving None otherwise: the analysis step starts its own when worth it)."""
    from vigie.documents.parallel import PARALLEL_FROM_BYTES
    if not analysis or sum(p.stat().st_size for p in paths if p.is_file()) < PARALLEL_FROM_BYTES:
        return nullcontext(None)
    from vigie.analysis.pool import PARALLEL_FROM
    from vigie.analysis.store import deciders_for
    return deciders_for(PARALLEL_FROM)
