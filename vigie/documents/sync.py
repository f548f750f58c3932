"""Synchronisation with DILA: listing, download, ingestion in order, watermark per flow (the
Journal officiel's ``jorf`` and ``jorfsimple``, and ``circulaires``, the CIRCULAIRES fund).

The watermark is the stamp of the last delivery ingested completely; a delivery that
could not be read entirely stops the run without moving it, so the next run retries.
What happens is told to ``notify`` as it happens (a ``SyncNotice`` or an ``InputReport``);
nothing here prints.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings

from vigie.documents.ingest import EXIT_OK, EXIT_UNREADABLE, InputReport, ingest_path
from vigie.documents.models import Watermark

# ``vigie.sources.dila`` (and the HTTP client it brings) is imported where a sync uses it:
# ``vigie ingest``, which imports this module through the pipeline, never downloads.

logger = logging.getLogger("vigie.documents")
CIRCULAIRES = "circulaires"  # the DILA's CIRCULAIRES fund (``vigie.sources.dila_circulaires``)


@dataclass(frozen=True)
class SyncNotice:
    """News of a synchronisation for people: its plan, or why it stops (``problem``)."""

    message: str
    problem: bool = False


@dataclass
class SyncReport:
    """What a synchronisation did: an exit status and a report per delivery ingested."""

    status: int = EXIT_OK
    inputs: list[InputReport] = field(default_factory=list)


Notify = Callable[[SyncNotice | InputReport], None]
Attempt = Callable[[Callable[[], InputReport]], InputReport]


def watermark_key(flow: str) -> str:
    return f"dila-{flow}"


def get_watermark(flow: str) -> str:
    mark = Watermark.objects.filter(source=watermark_key(flow)).first()
    return mark.value if mark else ""


def set_watermark(flow: str, value: str) -> None:
    Watermark.objects.update_or_create(source=watermark_key(flow), defaults={"value": value})


def sync_flow(base_url: str, flow: str, *, since: date | None = None, progress: bool = False,
              notify: Notify | None = None, attempt: Attempt | None = None) -> SyncReport:
    """Download and ingest the deliveries after the watermark, in order; ``attempt`` runs each
    ingestion (the pipeline's: again while the database is busy; it is safe to redo)."""
    tell = notify or (lambda event: None)
    report = SyncReport()
    mark = get_watermark(flow)
    todo = _listing(base_url, flow, since, mark, tell)
    if todo is None:
        report.status = EXIT_UNREADABLE
        return report
    if not todo:
        tell(SyncNotice(f"Flux {flow} : aucune nouvelle livraison "
                        f"(dernière traitée : {mark or 'aucune'})."))
        return report
    tell(SyncNotice(f"Flux {flow} : {len(todo)} livraison(s) à traiter."))
    folder = settings.DATA_DIR / "downloads" / flow
    folder.mkdir(parents=True, exist_ok=True)
    from vigie.sources.dila import SourceError, download
    for remote in todo:
        try:
            path = download(remote, folder, progress=progress)
        except SourceError as error:
            tell(SyncNotice(f"{remote.name} : {error}", problem=True))
            report.status = EXIT_UNREADABLE
            return report
        delivered = _ingest(path, flow, progress, attempt)
        report.inputs.append(delivered)
        logger.info("livraison %s : %s", remote.name, delivered.status,
                    extra={"flow": flow, "delivery": remote.name, "status": delivered.status})
        tell(delivered)
        if delivered.failed:
            tell(SyncNotice(f"arrêt à {remote.name} ; elle sera reprise à la prochaine "
                            "synchronisation.", problem=True))
            report.status = EXIT_UNREADABLE
            return report
        set_watermark(flow, remote.stamp)
    return report


def _ingest(path: Path, flow: str, progress: bool, attempt: Attempt | None) -> InputReport:
    """One downloaded delivery, through ``attempt`` when given; an archive of circulaires by
    their reader (its PDF files left aside), whatever its first file, and their list of
    abrogations (``abroge_txt.tar``) by its own."""
    def one() -> InputReport:
        if flow == CIRCULAIRES:
            from vigie.documents.circulaire_inputs import fund_reader
            from vigie.documents.circulaire_store import ingest_circulaires
            return (fund_reader(path) or ingest_circulaires)(path, force=False)
        return ingest_path(path, progress=progress)

    return attempt(one) if attempt else one()


def _listing(base_url: str, flow: str, since: date | None, mark: str,
             tell: Callable[[SyncNotice], None]) -> list | None:
    """The flow's deliveries on the server after the watermark ``mark`` and not before
    ``since``, in order, or None (told) when they cannot be listed."""
    from vigie.sources.dila import SourceError, list_deliveries
    from vigie.sources.dila_circulaires import list_circulaire_deliveries
    floor = since.strftime("%Y%m%d") if since else ""
    try:
        if flow == CIRCULAIRES:  # (its own layout: year folders, stocks after a since)
            return list_circulaire_deliveries(base_url, since=since, after=mark)
        return [r for r in list_deliveries(base_url, flow) if r.stamp > mark and r.stamp >= floor]
    except SourceError as error:
        tell(SyncNotice(str(error), problem=True))
        return None
