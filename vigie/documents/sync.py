"""Synchronisation with DILA: listing, download, ingestion in order, watermark per flow.

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
from vigie.sources.dila import SourceError, download, list_deliveries

logger = logging.getLogger("vigie.documents")


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


def watermark_key(flow: str) -> str:
    return f"dila-{flow}"


def get_watermark(flow: str) -> str:
    mark = Watermark.objects.filter(source=watermark_key(flow)).first()
    return mark.value if mark else ""


def set_watermark(flow: str, value: str) -> None:
    Watermark.objects.update_or_create(source=watermark_key(flow), defaults={"value": value})


def sync_flow(base_url: str, flow: str, *, since: date | None = None, progress: bool = False,
              notify: Notify | None = None,
              attempt: Callable[[Callable[[], InputReport]], InputReport] | None = None,
              ) -> SyncReport:
    """Download and ingest the deliveries after the watermark, in order. ``attempt`` runs
    each delivery's ingestion (the pipeline's: again while the database is busy, « database
    is locked »; ingesting a delivery again is safe, see ``documents.ingest``)."""
    tell = notify or (lambda event: None)
    report = SyncReport()
    try:
        remotes = list_deliveries(base_url, flow)
    except SourceError as error:
        tell(SyncNotice(str(error), problem=True))
        report.status = EXIT_UNREADABLE
        return report
    mark = get_watermark(flow)
    floor = since.strftime("%Y%m%d") if since else ""
    todo = [r for r in remotes if r.stamp > mark and r.stamp >= floor]
    if not todo:
        tell(SyncNotice(f"Flux {flow} : aucune nouvelle livraison "
                        f"(dernière traitée : {mark or 'aucune'})."))
        return report
    tell(SyncNotice(f"Flux {flow} : {len(todo)} livraison(s) à traiter."))
    folder = settings.DATA_DIR / "downloads" / flow
    folder.mkdir(parents=True, exist_ok=True)
    for remote in todo:
        try:
            path = download(remote, folder, progress=progress)
        except SourceError as error:
            tell(SyncNotice(f"{remote.name} : {error}", problem=True))
            report.status = EXIT_UNREADABLE
            return report
        def one(path: Path = path) -> InputReport:
            return ingest_path(path, progress=progress)

        delivered = attempt(one) if attempt else one()
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
