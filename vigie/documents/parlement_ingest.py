"""``vigie ingest`` for Parliament files, recognised by their content whatever their name.

An input is a zip archive (the Assemblée's ``Questions_*.json.zip``, ``Dossiers_*.json.zip``,
the Sénat's ``questions.zip``), a folder (an archive extracted), or one file: a question in
JSON or in the older XML, a Sénat or Assemblée dossier page, a Sénat list of questions, or the
Sénat's SQL dump, which is read as a stream whatever its size (reading:
:mod:`vigie.documents.parlement_events`). As for DILA deliveries, an input is one delivery,
written by batches of records, each committed in its own short transaction with the later
steps it owes its texts (the web's writes never wait for a whole Sénat dump); the delivery is
recorded as begun before its first batch and as done at its end, so that a run stopped midway
is read again by the next ``vigie sync`` of the file or by ``vigie repair``. A malformed file
or dump row becomes an anomaly naming it and the rest goes in; an archive that cannot be
opened changes nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction

from vigie.documents import followups
from vigie.documents.duplicates import Duplicates
from vigie.documents.ingest import (
    InputReport,
    begin_delivery,
    count,
    read_on,
    record_anomaly,
    refusals,
    unreadable,
)
from vigie.documents.models import Delivery
from vigie.documents.parallel import worker_count
from vigie.documents.parlement_events import (
    Event,
    Found,
    Ignored,
    Problem,
    events,
    fingerprint,
)
from vigie.documents.parlement_store import ParlementWriter
from vigie.documents.progress import Progress
from vigie.parsing.senat_questions import DumpStats
from vigie.reference.file_names import readable
from vigie.reference.system_errors import os_reason
from vigie.sources.archives import InputError


def ingest_parlement(path: Path, *, force: bool = False, progress: bool = False,
                     since: date | None = None) -> InputReport:
    """Ingest one Parliament input; never raises for bad data (it is reported instead).

    ``since`` leaves out Sénat dump rows whose every date is older (``vigie sync``).
    """
    report = InputReport.of(path)
    try:
        sha256, size = fingerprint(path)
    except OSError as error:
        return unreadable(report, f"Impossible de lire « {path} » : {os_reason(error)}.")
    name = report.delivery
    done = Delivery.objects.filter(name=name, sha256=sha256, status=Delivery.STATUS_DONE)
    if done.exists() and not force:
        report.status = "skipped"
        report.message = (f"déjà ingérée le {read_on(done.first())} avec un contenu "
                          "identique : rien n'a changé")
        return report
    started = begin_delivery(path, sha256, size)
    try:
        recorded = _read(path, report, progress, since, size)
        counts = report.counts
        status = report.settle(read=counts["members"])
        with transaction.atomic():
            Delivery.objects.update_or_create(name=name, sha256=sha256, defaults={
                "size": size, "path": started.path, "members": counts["members"],
                "created": counts["created"], "updated": counts["updated"],
                "unchanged": counts["unchanged"], "anomalies": len(report.anomalies),
                "status": status})
            followups.record(name, report.touched - recorded)
    except InputError as error:  # (raised before the first batch: nothing written)
        started.undo()
        return unreadable(InputReport.of(path), str(error))
    report.summary = describe_parlement(report)
    return report


def _read(path: Path, report: InputReport, progress: bool, since: date | None,
          size: int) -> set[str]:
    """Read and write one input, batch by batch; returns the texts whose follow-ups the
    batches recorded (each with its texts, in its transaction)."""
    name = report.delivery
    writer = ParlementWriter(name, on_commit=lambda uids: followups.record(name, uids))
    stats, duplicates = DumpStats(), Duplicates()
    last = None  # events of one file come together: count files without keeping their names
    workers = worker_count(size)  # as for DILA deliveries (VIGIE_INGEST_WORKERS)
    with Progress(f"Lecture de {name}", enabled=progress) as bar:
        for event in events(path, since=since, stats=stats, workers=workers):
            bar.advance()
            refused = isinstance(event, Problem) and event.refused
            report.counts["refused" if refused else "members"] += event.member != last
            last = event.member
            _take(event, report, writer, duplicates)
    report.counts.update(writer.finish())
    if report.anomalies and not report.counts["found"] + report.counts["ignored"]:
        report.status = "partial"  # nothing could be taken from it: not « read » (exit 1)
    report.counts["rows"] += stats.rows
    report.counts["skipped_old"] += stats.skipped_old
    report.touched = writer.touched
    return writer.recorded


def _take(event: Event, report: InputReport, writer: ParlementWriter,
          duplicates: Duplicates) -> None:
    """One event of the input: a record to write (unless it came already: then, as for the
    Journal officiel, an anomaly naming the file and the identifier), or an anomaly."""
    if isinstance(event, Ignored):
        report.counts["ignored"] += 1
        return
    message = event.message if isinstance(event, Problem) else ""
    if isinstance(event, Found):
        report.counts["found"] += 1
        message = duplicates.seen(readable(event.member), event.record)
        if not message:
            writer.add(readable(event.member), event.record)
            return
    report.anomalies.append(record_anomaly(report.input, report.delivery, event.member,
                                           message))
    if isinstance(event, Problem) and event.fatal:
        report.status = "partial"


# Counts told only when there are some: key, singular, plural.
EXTRA_COUNTS = (
    ("answers_linked", "réponse rattachée à sa question", "réponses rattachées à leur question"),
    ("answers_pending", "réponse en attente de sa question",
     "réponses en attente de leur question"),
    ("older", "version plus ancienne ignorée", "versions plus anciennes ignorées"),
    ("skipped_old", "ligne antérieure à la période suivie",
     "lignes antérieures à la période suivie"),
)


def describe_parlement(report: InputReport) -> str:
    """One French line for people about a Parliament input."""
    c = report.counts
    parts = [count(c["created"], "élément créé", "éléments créés"),
             count(c["updated"], "mis à jour", "mis à jour"),
             count(c["unchanged"], "inchangé", "inchangés")]
    parts += [count(c[key], one, many) for key, one, many in EXTRA_COUNTS if c[key]]
    parts.append(count(len(report.anomalies), "anomalie", "anomalies"))
    line = f"{report.delivery} : {', '.join(parts)}."
    if not (c["created"] or c["updated"]):
        line += " Aucun changement."
    if report.status == "partial" and not c["refused"]:
        line += " Entrée lue en partie seulement (voir les anomalies)."
    return line + refusals(report)

