"""Synchronisation with DILA: listing, download, ingestion in order, watermark per flow.

The watermark is the stamp of the last delivery ingested completely; a delivery that
could not be read entirely stops the run without moving it, so the next run retries.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TextIO

from django.conf import settings

from vigie.documents.ingest import EXIT_OK, EXIT_UNREADABLE, describe, ingest_path
from vigie.documents.models import Watermark
from vigie.sources.dila import SourceError, download, list_deliveries


def watermark_key(flow: str) -> str:
    return f"dila-{flow}"


def get_watermark(flow: str) -> str:
    mark = Watermark.objects.filter(source=watermark_key(flow)).first()
    return mark.value if mark else ""


def set_watermark(flow: str, value: str) -> None:
    Watermark.objects.update_or_create(source=watermark_key(flow), defaults={"value": value})


def sync_flow(
    base_url: str, flow: str, *, since: date | None = None, progress: bool = False,
    touched: set[str] | None = None, out: TextIO | None = None, err: TextIO | None = None,
) -> int:
    """Download and ingest the deliveries after the watermark; returns an exit status."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        remotes = list_deliveries(base_url, flow)
    except SourceError as error:
        print(f"vigie : {error}", file=err)
        return EXIT_UNREADABLE
    mark = get_watermark(flow)
    floor = since.strftime("%Y%m%d") if since else ""
    todo = [r for r in remotes if r.stamp > mark and r.stamp >= floor]
    if not todo:
        print(f"Flux {flow} : aucune nouvelle livraison "
              f"(dernière traitée : {mark or 'aucune'}).", file=out)
        return EXIT_OK
    print(f"Flux {flow} : {len(todo)} livraison(s) à traiter.", file=out)
    folder = settings.DATA_DIR / "downloads" / flow
    folder.mkdir(parents=True, exist_ok=True)
    for remote in todo:
        try:
            path = download(remote, folder, progress=progress)
        except SourceError as error:
            print(f"vigie : {remote.name} : {error}", file=err)
            return EXIT_UNREADABLE
        report = ingest_path(path, progress=progress)
        if touched is not None:
            touched.update(report.touched)
        print(describe(report), file=out)
        if report.status in {"unreadable", "partial"}:
            print(f"vigie : arrêt à {remote.name} ; elle sera reprise à la prochaine "
                  "synchronisation.", file=err)
            return EXIT_UNREADABLE
        set_watermark(flow, remote.stamp)
    return EXIT_OK
