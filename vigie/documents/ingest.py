"""``vigie ingest``: reading inputs, recording anomalies, committing in bounded chunks.

An input is a DILA tarball, an extracted folder or a single XML file. Each is one
delivery: its members are parsed one by one (a bad member, a file or a text over its size
limit, a record the delivery already brought become anomalies and the rest goes in) and
written in batches, each batch committed in its own short transaction so that the web's
writes never wait for a whole delivery. The delivery is recorded as done only at its end: an
interrupted run is redone by the next one (writing is idempotent), never taken as done. A
delivery with a file or a text refused for its size is recorded as read in part only
(« incomplète »): given again once the limit is raised, it is read without ``--force``; an
input of which nothing but such files was given, or of which no file could be read (a file
that is no DILA file, given alone), could not be read (exit status 1).

A folder is read as what it holds (``folders``): its own files as one delivery, each archive
or file of its own in it as that input, and what no reader takes named in an anomaly.
Names that are not UTF-8 (``reference.file_names``) are stored and told ``readable``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction

from vigie.config import ingest_queue_bytes, max_file_bytes, max_text_chars
from vigie.documents import followups
from vigie.documents.duplicates import Duplicates
from vigie.documents.models import Anomaly, Delivery
from vigie.documents.parallel import Refused, parsed_input, reader_count
from vigie.documents.progress import Progress
from vigie.documents.settling import settled_objects
from vigie.documents.store import DeliveryWriter
from vigie.parsing.model import READ_APART
from vigie.reference.file_names import readable
from vigie.sources.archives import (
    InputError,
    Member,
    MemberProblem,
    inflated_size,
    input_fingerprint,
)

if TYPE_CHECKING:  # (the Parliament readers it leads to load only for a folder)
    from vigie.documents.folders import Plan

EXIT_OK, EXIT_UNREADABLE = 0, 1
Assembled = Callable[[list[str]], None]  # given the texts of a chunk assembled, committed
logger = logging.getLogger("vigie.documents")


@dataclass
class InputReport:
    """What happened to one input."""

    input: str
    delivery: str
    status: str = "done"  # done | skipped | partial | unreadable
    counts: Counter[str] = field(default_factory=Counter)
    anomalies: list[str] = field(default_factory=list)
    message: str = ""
    touched: set[str] = field(default_factory=set)  # uids of texts created or changed
    summary: str = ""  # the line for people, when a reader words its counts itself

    @property
    def failed(self) -> bool:
        """The input could not be read entirely."""
        return self.status in {"unreadable", "partial"}

    @classmethod
    def of(cls, path: Path) -> InputReport:
        """The report of the input at ``path``, named as stored and told (``readable``)."""
        return cls(input=readable(str(path)), delivery=readable(path.name))

    def nothing_read(self) -> bool:
        """No file of the input could be read (a file that is no DILA file given alone): the
        input could not be read, said with the reason (`unread`: files read in vain)."""
        c = self.counts
        if not c["unread"] or c["members"] != c["unread"] or c["refused"]:
            return False
        self.status, self.message = "unreadable", (
            self.anomalies[0].partition(" : ")[2] if c["members"] == 1 else
            f"aucun de ses {c['members']} fichiers n'a pu être lu (voir les anomalies)")
        return True

    def settle(self, read: int) -> str:
        """The status its delivery is recorded with, once read; ``read``: the files (or
        records) taken in. Files refused for their size leave it « partial », to read again
        without ``--force``; when nothing else was read, the input could not be read."""
        if self.counts["refused"] and not read and self.status == "done":
            self.status = "partial"
        partial = self.status == "partial" or self.counts["refused"]
        return Delivery.STATUS_PARTIAL if partial else Delivery.STATUS_DONE


def record_anomaly(input_path: str, delivery: str, member: str, message: str) -> str:
    """Record what could not be read of ``member`` (once); the line that says it. A parser's
    message names the file already (« texte/X.xml : XML mal formé ») : not twice. Names
    that are not UTF-8 are stored ``readable``."""
    input_path, delivery, member, message = map(readable, (input_path, delivery, member,
                                                           message))
    if member:
        message = message.removeprefix(f"{member} : ")
    Anomaly.objects.get_or_create(
        delivery=delivery[:255], member=member[:512], message=message[:2000],
        defaults={"input": input_path[:1024]},
    )
    return f"{member or delivery} : {message}"


def read_on(delivery: Delivery) -> str:
    """When a delivery was read, « 14/10/2026 à 07:32 » (local time): « déjà ingérée le … »
    tells an operator which earlier run read it."""
    return delivery.processed_at.astimezone().strftime("%d/%m/%Y à %H:%M")


def ingest_path(path: Path, *, force: bool = False, progress: bool = False,
                assembled: Assembled | None = None) -> InputReport:
    """Ingest one input; never raises for bad data (it is reported instead). ``assembled``
    is given the texts of each chunk the delivery assembles, once committed."""
    report = InputReport.of(path)
    try:
        sha256, size = input_fingerprint(path)
    except InputError as error:
        return unreadable(report, str(error))
    name = report.delivery
    done = Delivery.objects.filter(name=name, sha256=sha256, status=Delivery.STATUS_DONE)
    if (was_done := done.exists()) and not force:
        report.status = "skipped"
        report.message = (f"déjà ingérée le {read_on(done.first())} avec un contenu "
                          "identique : rien n'a changé")
        return report
    started = begin_delivery(path, sha256, size)
    try:
        recorded = _read_delivery(path, report, progress, (size, not was_done), assembled)
        if report.nothing_read():
            started.undo()  # (no delivery to show « incomplète », nor to read again)
            return report
        status = report.settle(read=report.counts["members"])
        with transaction.atomic():
            c = report.counts
            Delivery.objects.update_or_create(name=name, sha256=sha256, defaults={
                "size": size, "path": started.path, "status": status, "members": c["members"],
                "created": c["created"], "updated": c["updated"], "unchanged": c["unchanged"],
                "anomalies": len(report.anomalies)})
            # Each batch recorded the follow-ups of its texts with them; what is left (texts
            # only a sommaire placed, say) goes with the delivery's record.
            followups.record(name, report.touched - recorded)
    except InputError as error:
        started.undo()  # nothing to read again: the stored record says what it was before
        return unreadable(InputReport.of(path), str(error))
    return report


@dataclass
class Begun:
    """The record of a delivery as being read, written before its first batch: a run
    stopped before its end leaves it so, and ``vigie repair`` reads the delivery again
    from ``path`` (``documents.interrupted``). Every reader of inputs (DILA, Parliament,
    DECP) records its deliveries so."""

    row: Delivery
    before: str  # its status before this run ("": none)
    path: str

    def undo(self) -> None:
        """Back to the record before this run (none: deleted)."""
        if not self.before:
            self.row.delete()
        else:
            Delivery.objects.filter(pk=self.row.pk).update(status=self.before)


def begin_delivery(path: Path, sha256: str, size: int) -> Begun:
    """Record the delivery as being read, from where, in its own transaction."""
    where = readable(str(path.resolve()))  # (``file_names.system_name`` finds it again)
    where = where if len(where) <= 1024 else ""  # (too long to keep: found in no folder)
    row, created = Delivery.objects.get_or_create(
        name=readable(path.name), sha256=sha256,
        defaults={"size": size, "path": where, "status": Delivery.STATUS_STARTED})
    before = "" if created else row.status
    if not created:
        Delivery.objects.filter(pk=row.pk).update(path=where, status=Delivery.STATUS_STARTED)
    return Begun(row, before, where)


def unreadable(report: InputReport, message: str) -> InputReport:
    """The input could not be read at all (DILA, Parliament, DECP): said, and recorded as an
    anomaly."""
    report.status = "unreadable"
    report.message = readable(message)
    report.anomalies.append(record_anomaly(report.input, report.delivery, "", message))
    return report


def _read_delivery(path: Path, report: InputReport, progress: bool,
                   sizing: tuple[int, bool], assembled: Assembled | None = None) -> set[str]:
    """Read and write one delivery; ``sizing`` is (input size, whether the delivery was
    never recorded as done). Returns the texts whose follow-ups the batches recorded."""
    size, resuming = sizing
    queue, name = ingest_queue_bytes(), report.delivery
    writer = DeliveryWriter(name, flush_bytes=queue // 2, resuming=resuming,
                            on_commit=lambda uids: followups.record(name, uids),
                            on_assembled=assembled)
    duplicates, folder = Duplicates(), path.is_dir()
    items = parsed_input(path, reader_count(inflated_size(path, size)), max_bytes=max_file_bytes(),
                         queue_bytes=queue // 2, max_text=max_text_chars())
    with settled_objects():
        with Progress(f"Lecture de {name}", enabled=progress) as bar:
            for item, member_size, record, error in items:
                bar.advance()
                if isinstance(item, MemberProblem) or isinstance(error, Refused):
                    _not_taken(report, item, error)
                    continue
                if folder and error and error.endswith(READ_APART):  # read as its own input
                    continue
                report.counts["members"] += 1
                report.counts["unread"] += bool(error)  # (not a duplicate: it was read)
                error = error or duplicates.seen(item.name, record)
                if error:
                    report.anomalies.append(
                        record_anomaly(item.input, item.delivery, item.name, error)
                    )
                elif record is not None:
                    writer.add(readable(item.name), record, size=member_size)
        report.counts.update(writer.finish())
    report.touched = writer.touched
    return writer.recorded


def _not_taken(report: InputReport, item: Member | MemberProblem, error: str) -> None:
    """A member that could not be read, or that was refused for its size (the file, or the
    text once read: ``Refused``): an anomaly, and counted as refused."""
    problem = item if isinstance(item, MemberProblem) else None
    report.anomalies.append(record_anomaly(item.input, item.delivery, item.name,
                                           problem.message if problem else error))
    report.counts["refused"] += problem.refused if problem else 1
    if problem is not None and problem.fatal:
        report.status = "partial"


def ingest_input(path: Path, *, force: bool = False, progress: bool = False,
                 assembled: Assembled | None = None, parlement: bool | None = None
                 ) -> InputReport:
    """Any input: Parliament files, DECP files, Judilibre answers, Cellar notices and EUR-Lex
    answers, circulaires and their list of abrogations (recognised by their content) or DILA
    deliveries (``assembled``: as ``ingest_path``); ``parlement``: whether it is Parliament
    files, when known already (a folder's ``folders.plan``)."""
    from vigie.documents.circulaire_inputs import fund_reader

    if read := fund_reader(path):  # a cir_<ID>.xml, an archive of them: before the DILA's
        return read(path, force=force)
    if _is_gzip(path):  # a DILA tarball: neither a DECP nor a Parliament file, whose
        return ingest_path(path, force=force, progress=progress,  # readers need not load
                           assembled=assembled)
    from vigie.documents.decp_store import ingest_decp, is_decp_input
    from vigie.documents.eu_store import ingest_eu, is_eu_input
    from vigie.documents.judilibre_store import ingest_judilibre, is_judilibre_input
    from vigie.documents.parlement_events import is_parlement_input
    from vigie.documents.parlement_ingest import ingest_parlement
    from vigie.parsing.dispatch import ELSEWHERE_HEAD, json_elsewhere

    if is_decp_input(path):  # before Parliament's, which takes any JSON or zip
        return ingest_decp(path, force=force)
    if is_judilibre_input(path):  # (likewise)
        return ingest_judilibre(path, force=force)
    if is_eu_input(path):  # an XML file, before the DILA reader's
        return ingest_eu(path, force=force)
    if is_parlement_input(path) if parlement is None else parlement:
        return ingest_parlement(path, force=force, progress=progress)
    if elsewhere := json_elsewhere(_head(path, ELSEWHERE_HEAD)):  # feeds' (aids, BOAMP)
        return unreadable(InputReport.of(path), elsewhere)
    return ingest_path(path, force=force, progress=progress, assembled=assembled)


def _is_gzip(path: Path) -> bool:
    return _head(path, 2) == b"\x1f\x8b"


def _head(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError:  # a folder, or unreadable: said by the readers
        return b""


def describe(report: InputReport) -> str:
    """One French line for people about an input."""
    if report.summary and report.status not in {"skipped", "unreadable"}:
        return report.summary
    if report.status in {"skipped", "unreadable"}:
        prefix = "illisible" if report.status == "unreadable" else ""
        return f"{report.delivery} : {prefix + ' : ' if prefix else ''}{report.message}"
    c = report.counts
    if report.status == "done" and not (c["members"] or report.anomalies):
        return f"{report.delivery} : aucun fichier XML trouvé, rien à ingérer."
    parts = [
        count(c["created"], "texte créé", "textes créés"),
        count(c["updated"], "mis à jour", "mis à jour"),
        count(c["unchanged"], "inchangé", "inchangés"),
    ]
    if c["sommaire_only"]:
        parts.append(count(c["sommaire_only"], "connu par le sommaire seulement",
                            "connus par le sommaire seulement"))
    if c["sommaires"] or c["sommaires_unchanged"]:
        parts.append(count(c["sommaires"] + c["sommaires_unchanged"], "sommaire", "sommaires"))
    parts.append(count(len(report.anomalies), "anomalie", "anomalies"))
    line = f"{report.delivery} : {', '.join(parts)}."
    if not (c["created"] or c["updated"] or c["sommaires"] or c["sommaire_only"]):
        line += " Aucun changement."
    if report.status == "partial" and not c["refused"]:
        line += " Entrée lue en partie seulement (voir les anomalies)."
    return line + refusals(report)


def refusals(report: InputReport) -> str:
    """The sentence about the files refused for their size, if any (DILA, Parliament)."""
    n = report.counts["refused"]
    if not n:
        return ""
    return (f" {count(n, 'fichier refusé', 'fichiers refusés')} pour "
            f"{'sa' if n == 1 else 'leur'} taille (la limite à relever est dans "
            f"l'anomalie) : entrée notée incomplète, que vigie ingest relira sans --force "
            "une fois la limite relevée.")


def count(n: int, singular: str, plural: str) -> str:
    """« 1 texte créé », « 3 textes créés »: the count lines of every ingest summary."""
    return f"{n} {singular if n <= 1 else plural}"


def ingest_paths(paths: list[Path], *, force: bool = False, progress: bool = False,
                 notify: Callable[[InputReport], None] | None = None,
                 attempt: Callable[[Callable[[], InputReport]], InputReport] | None = None,
                 assembled: Assembled | None = None) -> list[InputReport]:
    """Ingest inputs in order; one report each, handed to ``notify`` as soon as it is done.
    ``attempt`` runs each input's ingestion (the pipeline's: again while the database is
    busy; an input is one transaction, so trying it again is safe); ``assembled``: as
    ``ingest_path``."""
    reports = []

    def one(path: Path, parlement: bool | None = None) -> InputReport:
        return ingest_input(path, force=force, progress=progress, assembled=assembled,
                            parlement=parlement)

    for part in (part for path in paths for part in _parts(path, one)):
        report = attempt(part) if attempt else part()
        logger.info("entrée %s : %s", report.delivery, report.status,
                    extra={"delivery": report.delivery, "status": report.status,
                           "counts": dict(report.counts), "anomalies": len(report.anomalies)})
        if notify is not None:
            notify(report)
        reports.append(report)
    return reports


Part = Callable[[], InputReport]


def _parts(path: Path, one: Callable[[Path, bool], InputReport]) -> list[Part]:
    """What reading ``path`` takes, one report each: the input itself; for a folder
    (``folders.plan``), its own files as one delivery, the anomaly that names what no
    reader takes, then each input of its own in it."""
    if not path.is_dir():
        return [lambda: one(path, None)]
    from vigie.documents.folders import plan

    found = plan(path)
    parts: list[Part] = []
    if found.own or not (found.alone or found.unread):  # (empty: said by its reader)
        parts.append(lambda: one(path, found.parlement))
    if found.unread:
        parts.append(lambda: _unread(path, found))
    return parts + [lambda alone=alone: one(alone, None) for alone in found.alone]


def _unread(path: Path, found: Plan) -> InputReport:
    """The report that names what no reader takes of the folder ``path`` (one anomaly): an
    input that could not be read when nothing else is read of it."""
    report = InputReport.of(path)
    report.anomalies.append(record_anomaly(report.input, report.delivery, "",
                                           found.unread_message()))
    n = len(found.unread)
    report.summary = f"{report.delivery} : {count(n, 'fichier non lu', 'fichiers non lus')}"
    if found.own or found.alone:
        report.summary += " (voir l'anomalie)."
    else:
        report.status = "partial"
        report.summary += " (voir l'anomalie) : rien n'a pu être lu de ce dossier."
    return report


def exit_status(reports: list[InputReport]) -> int:
    """0 when every input could be read (anomalies aside), 1 otherwise."""
    return EXIT_UNREADABLE if any(r.failed for r in reports) else EXIT_OK
