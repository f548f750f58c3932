"""``vigie ingest`` for Parliament files, recognised by their content whatever their name.

An input is a zip archive (the Assemblée's ``Questions_*.json.zip``, ``Dossiers_*.json.zip``,
the Sénat's ``questions.zip``), a folder (an archive extracted), or one file: a question in
JSON or in the older XML, a Sénat or Assemblée dossier page, a Sénat list of questions, or the
Sénat's SQL dump, which is read as a stream whatever its size. As for DILA deliveries, an input
is one delivery written in one transaction: a malformed file or dump row becomes an anomaly
naming it and the rest goes in; an archive that cannot be opened changes nothing.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from django.db import transaction

from vigie.documents.ingest import InputReport, _count, _unreadable, record_anomaly
from vigie.documents.models import Delivery
from vigie.documents.parlement_store import ParlementWriter
from vigie.documents.progress import Progress
from vigie.parsing.model import ParseError
from vigie.parsing.parlement_dispatch import (
    DUMP,
    HTML,
    JSON,
    XML,
    is_parlement_xml,
    parse_parlement_member,
    sniff,
)
from vigie.parsing.parlement_model import ParlementRecord
from vigie.parsing.senat_questions import PG_CUSTOM_MAGIC, DumpStats, RowProblem, read_senat_dump
from vigie.sources.archives import MAX_MEMBER_BYTES, InputError

HEAD = 65536
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError)


@dataclass(frozen=True)
class Found:
    member: str
    record: ParlementRecord


@dataclass(frozen=True)
class Problem:
    member: str
    message: str
    fatal: bool = False


@dataclass(frozen=True)
class Ignored:
    """A file known to hold nothing Vigie takes (the Assemblée's ``document`` objects)."""

    member: str


Event = Found | Problem | Ignored
Opener = Callable[[], BinaryIO]


def is_parlement_input(path: Path) -> bool:
    """Whether ``path`` holds Parliament files (else it is left to the DILA reader)."""
    try:
        if path.is_dir():
            for file in _files(path):
                head = _head(lambda f=file: f.open("rb"))
                if sniff(head) in (JSON, HTML, DUMP, XML) or head.startswith(ZIP_MAGICS):
                    return _is_parlement_head(head)
            return False
        return path.is_file() and _is_parlement_head(_head(lambda: path.open("rb")))
    except OSError:
        return False


def _is_parlement_head(head: bytes) -> bool:
    family = sniff(head)
    return (head.startswith(ZIP_MAGICS) or family in (JSON, HTML, DUMP)
            or (family == XML and is_parlement_xml(head)))


def _head(opener: Opener) -> bytes:
    with opener() as handle:
        return handle.read(HEAD)


def ingest_parlement(path: Path, *, force: bool = False, progress: bool = False,
                     since: date | None = None) -> InputReport:
    """Ingest one Parliament input; never raises for bad data (it is reported instead).

    ``since`` leaves out Sénat dump rows whose every date is older (``vigie sync``).
    """
    report = InputReport(input=str(path), delivery=path.name)
    try:
        sha256, size = fingerprint(path)
    except OSError as error:
        return _unreadable(report, f"Impossible de lire « {path} » ({error.strerror}).")
    done = Delivery.objects.filter(name=path.name, sha256=sha256, status=Delivery.STATUS_DONE)
    if done.exists() and not force:
        report.status = "skipped"
        when = done.first().processed_at.astimezone().strftime("%d/%m/%Y à %H:%M")
        report.message = f"déjà ingérée le {when} avec un contenu identique : rien n'a changé"
        return report
    try:
        with transaction.atomic():
            _read(path, report, progress, since)
            counts = report.counts
            Delivery.objects.update_or_create(name=path.name, sha256=sha256, defaults={
                "size": size, "members": counts["members"], "created": counts["created"],
                "updated": counts["updated"], "unchanged": counts["unchanged"],
                "anomalies": len(report.anomalies), "status": Delivery.STATUS_PARTIAL
                if report.status == "partial" else Delivery.STATUS_DONE})
    except InputError as error:
        return _unreadable(InputReport(input=str(path), delivery=path.name), str(error))
    report.summary = describe_parlement(report)
    return report


def _read(path: Path, report: InputReport, progress: bool, since: date | None) -> None:
    writer = ParlementWriter(path.name)
    stats = DumpStats()
    seen: set[str] = set()
    with Progress(f"Lecture de {path.name}", enabled=progress) as bar:
        for event in events(path, since=since, stats=stats):
            bar.advance()
            if event.member not in seen:
                seen.add(event.member)
                report.counts["members"] += 1
            if isinstance(event, Found):
                writer.add(event.member, event.record)
            elif isinstance(event, Ignored):
                report.counts["ignored"] += 1
            else:
                report.anomalies.append(record_anomaly(report.input, report.delivery,
                                                       event.member, event.message))
                if event.fatal:
                    report.status = "partial"
    report.counts.update(writer.finish())
    report.counts["rows"] += stats.rows
    report.counts["skipped_old"] += stats.skipped_old
    report.touched = writer.touched


def events(path: Path, *, since: date | None = None, stats: DumpStats | None = None
           ) -> Iterator[Event]:
    """The records and problems of an input, one file (or dump row) at a time."""
    stats = stats or DumpStats()
    if path.is_dir():
        for file in _files(path):
            name = file.relative_to(path).as_posix()
            yield from _member(name, lambda f=file: f.open("rb"), file.stat().st_size,
                               since, stats)
        return
    if _head(lambda: path.open("rb")).startswith(ZIP_MAGICS):
        yield from _zip_events(path, since, stats)
        return
    yield from _member(path.name, lambda: path.open("rb"), path.stat().st_size, since, stats)


def _files(root: Path) -> list[Path]:
    """Regular files under ``root`` in path order, hidden ones (``.DS_Store``…) left out."""
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder, n) for n in names if not n.startswith("."))
    return sorted((f for f in found if f.is_file()), key=lambda f: f.relative_to(root).parts)


def _zip_events(path: Path, since: date | None, stats: DumpStats) -> Iterator[Event]:
    try:
        archive = zipfile.ZipFile(path)
    except _ZIP_ERRORS as error:
        raise InputError(f"« {path} » n'est pas une archive zip lisible (tronquée ou "
                         f"corrompue : {error}).") from None
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            try:
                yield from _member(info.filename, lambda i=info: archive.open(i),
                                   info.file_size, since, stats)
            except _ZIP_ERRORS as error:
                yield Problem(info.filename, f"fichier illisible dans l'archive ({error}) : "
                              "ignoré")


def _member(name: str, opener: Opener, size: int, since: date | None,
            stats: DumpStats) -> Iterator[Event]:
    """One file: read once when small enough, streamed when it is the Sénat dump."""
    if size > MAX_MEMBER_BYTES:
        head = _head(opener)
        if sniff(head) == DUMP:
            yield from _dump_events(name, opener, head, since, stats)
            return
        limit = MAX_MEMBER_BYTES // (1024 * 1024)
        yield Problem(name, f"fichier de plus de {limit} Mo qui n'est pas un dump SQL : ignoré")
        return
    with opener() as handle:
        data = handle.read()
    if sniff(data[:HEAD]) == DUMP:
        yield from _dump_events(name, opener, data[:HEAD], since, stats)
        return
    try:
        records = parse_parlement_member(name, data)
    except ParseError as error:
        yield Problem(name, str(error).removeprefix(f"{name} : "))
        return
    if not records:
        yield Ignored(name)
    for record in records:
        yield Found(name, record)


def _dump_events(name: str, opener: Opener, head: bytes, since: date | None,
                 stats: DumpStats) -> Iterator[Event]:
    if head.lstrip().startswith(PG_CUSTOM_MAGIC):
        yield Problem(name, "dump PostgreSQL au format personnalisé (pg_dump -Fc) : seul le "
                      "format texte (SQL) publié par le Sénat est lu", fatal=True)
        return
    with opener() as handle:
        for item in read_senat_dump(handle, since=since, stats=stats):
            if isinstance(item, RowProblem):
                key = f"{item.key} : " if item.key and item.key not in item.message else ""
                yield Problem(f"{name} ({item.where})", key + item.message, item.fatal)
            else:
                yield Found(name, item)


def fingerprint(path: Path) -> tuple[str, int]:
    """(sha256, size) of a file, or of a folder's files with their relative paths."""
    digest, total = hashlib.sha256(), 0
    files = _files(path) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            rel = file.relative_to(path).as_posix().encode("utf-8", "surrogateescape")
            digest.update(len(rel).to_bytes(8, "big") + rel)
        with file.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                total += len(chunk)
    return digest.hexdigest(), total


def describe_parlement(report: InputReport) -> str:
    """One French line for people about a Parliament input."""
    c = report.counts
    parts = [_count(c["created"], "élément créé", "éléments créés"),
             _count(c["updated"], "mis à jour", "mis à jour"),
             _count(c["unchanged"], "inchangé", "inchangés")]
    if c["answers_linked"]:
        parts.append(_count(c["answers_linked"], "réponse rattachée à sa question",
                            "réponses rattachées à leur question"))
    if c["answers_pending"]:
        parts.append(_count(c["answers_pending"], "réponse en attente de sa question",
                            "réponses en attente de leur question"))
    if c["older"]:
        parts.append(_count(c["older"], "version plus ancienne ignorée",
                            "versions plus anciennes ignorées"))
    if c["skipped_old"]:
        parts.append(_count(c["skipped_old"], "ligne antérieure à la période suivie",
                            "lignes antérieures à la période suivie"))
    parts.append(_count(len(report.anomalies), "anomalie", "anomalies"))
    line = f"{report.delivery} : {', '.join(parts)}."
    if not (c["created"] or c["updated"]):
        line += " Aucun changement."
    if report.status == "partial":
        line += " Entrée lue en partie seulement (voir les anomalies)."
    return line

