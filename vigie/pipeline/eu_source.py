"""The acts of EU law as one source of a run (``vigie sync --source eu``, and within ``all``
and the morning): Cellar's acts published since the watermark (``documents.eu_sync``), then
the later steps of the pipeline (analysis, search index, editions) for what was stored."""

from __future__ import annotations

from datetime import date

from vigie import pipeline
from vigie.operations.exclusive import patiently


def sync_eu(since: date | None, notify: pipeline.Notify, wait: float | None = None
            ) -> pipeline.PipelineReport:
    """Cellar's new acts, then the later steps; its run is journaled as ``eu``. ``wait``: how
    long to wait for another run (``Plan.wait``)."""
    from vigie.documents.eu_sync import sync_eu as fetch

    return pipeline.fetched("eu", lambda seen: fetch(
        since=since, notify=seen, attempt=patiently).status,
        "synchronisation de l'Union européenne incomplète (réseau ou notice illisible)", notify,
        wait)
