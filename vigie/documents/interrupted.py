"""Deliveries whose reading stopped before their end, and where to read them again.

A delivery is recorded as being read (``Delivery.STATUS_STARTED``) before its first batch is
written, and as done at its end. A run stopped in between (SIGKILL, a power cut, Ctrl+C) has
committed some batches: texts half rewritten, new ones waiting for their assembly. Only
reading the same delivery to its end finishes them — its next run takes up the states the
stopped one stored (``befores``) and stores what a run never stopped stores. ``vigie sync``
does so by itself (its watermark has not moved); ``vigie repair`` does it for any delivery
whose file it finds again, where it was read from or in the downloads folder, with the same
content; the others it names, for people to give them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from vigie.documents.models import Delivery
from vigie.documents.outline import delivery_stamp
from vigie.sources.archives import InputError, input_fingerprint


@dataclass(frozen=True)
class Interrupted:
    """A delivery begun and not finished: where it was read from, and where it is now
    (None: nowhere with the same content)."""

    name: str
    recorded: str  # the path it was read from ("" when too long to keep)
    found: Path | None


def interrupted() -> list[Interrupted]:
    """The deliveries begun and not finished, oldest first (by their DILA timestamp, then in
    the order they were begun). Only while no run reads: the one reading would be among
    them."""
    # (The same content read to its end since, under another name: nothing left to read.)
    read = Delivery.objects.exclude(status=Delivery.STATUS_STARTED).values("sha256")
    rows = Delivery.objects.filter(status=Delivery.STATUS_STARTED).exclude(
        sha256__in=read).order_by("id")
    found = [Interrupted(row.name, row.path, _located(row)) for row in rows]
    return sorted(found, key=lambda each: delivery_stamp(each.name))


def _located(row: Delivery) -> Path | None:
    """The first of the delivery's recorded path and its downloads that holds the same
    content (a file changed since would bring other texts)."""
    downloads = Path(settings.DATA_DIR) / "downloads"
    places = [Path(row.path)] if row.path else []
    if downloads.is_dir():  # (each flow's folder: ``vigie sync`` keeps what it downloads)
        places += [flow / row.name for flow in sorted(downloads.iterdir()) if flow.is_dir()]
    for place in places:
        try:
            if place.name == row.name and input_fingerprint(place)[0] == row.sha256:
                return place
        except (InputError, OSError):  # gone, unreadable: the next place
            continue
    return None


def names(deliveries: list[Interrupted]) -> str:
    """« JORF_….tar.gz (lue depuis /chemin) », for the people who must give them again."""
    return ", ".join(f"{d.name} (lue depuis {d.recorded})" if d.recorded else d.name
                     for d in deliveries)
