"""One file, one delivery: what the readers of single files (DECP, Judilibre) share around
their own parsing and storing — read the file once within the size limit, skip a file
already read whole, record it done with its counts and anomalies. ``ingest.begin_delivery``
records it begun, before the first write."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from vigie.config import max_file_bytes
from vigie.documents.ingest import Begun, InputReport, read_on, record_anomaly
from vigie.documents.models import Delivery
from vigie.reference.system_errors import os_reason
from vigie.sources.members import too_big


def head_is(path: Path, size: int, test: Callable[[bytes], bool]) -> bool:
    """Whether the first ``size`` bytes of the regular file ``path`` pass ``test`` (what a
    file is, told by its content); False for anything that cannot be read."""
    if not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            return test(handle.read(size))
    except OSError:
        return False


def read_whole(path: Path) -> tuple[str, int, bytes] | str:
    """(sha256, size, bytes) of a file, read once; or why it is not read, in French: over
    ``VIGIE_INGEST_MAX_FILE_MB`` (refused unread, not even hashed), or unreadable."""
    limit = max_file_bytes()
    try:
        if (size := path.stat().st_size) > limit:
            return too_big(str(path), path.name, path.name, size, limit).message
        data = path.read_bytes()
    except OSError as error:
        return f"Impossible de lire « {path} » : {os_reason(error)}."
    return hashlib.sha256(data).hexdigest(), len(data), data


def done_before(report: InputReport, sha256: str, force: bool) -> bool:
    """Whether this very file was read whole before (and ``force`` not given): the report
    then says it was skipped, and when it was read (which earlier run read it)."""
    done = Delivery.objects.filter(name=report.delivery, sha256=sha256,
                                   status=Delivery.STATUS_DONE).first()
    if force or done is None:
        return False
    report.status = "skipped"
    report.message = (f"déjà ingéré le {read_on(done)} avec un contenu identique : rien n'a "
                      "changé")
    return True


def end_delivery(report: InputReport, sha256: str, size: int, started: Begun, members: int,
                 counts: Counter[str], problems: list[str]) -> None:
    """Record the file's anomalies and the delivery done, with what it held and did, in one
    transaction."""
    name = report.delivery
    with transaction.atomic():
        report.anomalies = [record_anomaly(report.input, name, "", p) for p in problems]
        Delivery.objects.update_or_create(name=name, sha256=sha256, defaults={
            "size": size, "path": started.path, "members": members,
            "created": counts["created"], "updated": counts["updated"],
            "unchanged": counts["unchanged"], "anomalies": len(problems),
            "status": Delivery.STATUS_DONE})
