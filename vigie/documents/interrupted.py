"""Deliveries whose reading stopped before their end, and where to read them again.

A delivery (a DILA archive, a Parliament or a DECP file) is recorded as being read
(``Delivery.STATUS_STARTED``) before its first batch is written, and as done at its end. A run
stopped in between (SIGKILL, a power cut, Ctrl+C) has committed some batches: texts half
rewritten, new ones waiting for their assembly. Only reading the same delivery to its end
finishes them — its next run takes up the states the stopped one stored (``befores``) and stores
what a run never stopped stores. ``vigie sync`` does so by itself (its watermark has not moved);
``vigie repair`` does it for any delivery whose file it finds again, where it was read from or
in the downloads folder, with the same content; the others it names, for people to give them
again, or to give up (``abandon``: then recorded as read in part only, its texts left as the
stop left them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet

from vigie.documents.models import Delivery
from vigie.documents.outline import delivery_stamp
from vigie.reference.file_names import readable, system_name


@dataclass(frozen=True)
class Interrupted:
    """A delivery begun and not finished: where it was read from, and where it is now
    (None: nowhere with the same content)."""

    name: str
    recorded: str  # the path it was read from ("" when too long to keep)
    found: Path | None


def begun() -> QuerySet[Delivery]:
    """The deliveries begun and not finished: being read, or stopped midway."""
    # (The same content read to its end since, under another name: nothing left to read.)
    read = Delivery.objects.exclude(status=Delivery.STATUS_STARTED).values("sha256")
    return Delivery.objects.filter(status=Delivery.STATUS_STARTED).exclude(sha256__in=read)


def interrupted() -> list[Interrupted]:
    """The deliveries begun and not finished, oldest first (by their DILA timestamp, then in
    the order they were begun), and where each is now. Only while no run reads: the one
    reading would be among them."""
    rows = begun().order_by("id")
    found = [Interrupted(row.name, row.path, _located(row)) for row in rows]
    return sorted(found, key=lambda each: delivery_stamp(each.name))


def _located(row: Delivery) -> Path | None:
    """The first of the delivery's recorded path and its downloads that holds the same
    content (a file changed since would bring other texts). A name that is not UTF-8 was
    recorded ``readable``: found again by its ``system_name``."""
    downloads = Path(settings.DATA_DIR) / "downloads"
    recorded = {Path(row.path): None, Path(system_name(row.path)): None} if row.path else {}
    places = list(recorded)
    if downloads.is_dir():  # (each flow's folder: ``vigie sync`` keeps what it downloads)
        places += [flow / row.name for flow in sorted(downloads.iterdir()) if flow.is_dir()]
    return next((place for place in places
                 if readable(place.name) == row.name and _holds(place, row.sha256)), None)


def _holds(place: Path, sha256: str) -> bool:
    """Whether the input at ``place`` has this content: a file's bytes; a folder's, as the
    reader of its kind fingerprints it (DILA's: its XML files; Parliament's: all of them)."""
    # (Imported here: the web imports this module, and needs neither.)
    from vigie.documents.parlement_events import fingerprint
    from vigie.sources.archives import InputError, input_fingerprint

    readers = (input_fingerprint, fingerprint) if place.is_dir() else (fingerprint,)
    for reader in readers:
        try:
            if reader(place)[0] == sha256:
                return True
        except (InputError, OSError):  # gone, unreadable, not of this kind
            continue
    return False


def names(deliveries: list[Interrupted]) -> str:
    """« JORF_….tar.gz (lue depuis /chemin) », for the people who must give them again."""
    return ", ".join(f"{d.name} (lue depuis {d.recorded})" if d.recorded else d.name
                     for d in deliveries)


def abandon(given: list[str]) -> list[str]:
    """Stop looking for these begun deliveries (by name): recorded as read in part only
    (``vigie status``: « incomplète »), given again they are read again. Returns the names
    that are no begun delivery; when there is one, nothing is changed."""
    rows = Delivery.objects.filter(pk__in=begun().filter(name__in=given).values("pk"))
    known = set(rows.values_list("name", flat=True))
    unknown = [name for name in given if name not in known]
    if not unknown:
        rows.update(status=Delivery.STATUS_PARTIAL)
    return unknown
