"""Reading Parliament inputs into events, whatever their shape: files, folders, zips, the dump.

This module owns the step "a path → the records in it, in order": which inputs are Parliament
files (recognised by their content, whatever their name), reading zip archives and folders
member by member, streaming the Sénat dump row by row, and parsing files in worker processes
when the input is large. It knows nothing about the database, so that workers can import it.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from vigie.config import max_file_bytes
from vigie.documents.lifeline import die_with
from vigie.parsing.cellar import is_eu_notice
from vigie.parsing.decp import is_decp
from vigie.parsing.judilibre import is_judilibre
from vigie.parsing.model import ParseError
from vigie.parsing.parlement_dispatch import (
    DUMP,
    HTML,
    JSON,
    XML,
    is_parlement_json,
    is_parlement_xml,
    parse_parlement_member,
    sniff,
)
from vigie.parsing.parlement_model import ParlementRecord
from vigie.parsing.senat_questions import PG_CUSTOM_MAGIC, DumpStats, RowProblem, read_senat_dump
from vigie.sources.archives import TAR_SUFFIXES, InputError
from vigie.sources.members import dila_by_name, is_xml, megabytes, to_read_it

HEAD = 65536
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
GZIP_MAGIC = b"\x1f\x8b"
# What ``stands_alone`` needs of a file (``is_decp`` looks no further).
ALONE_HEAD = 256
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
    refused: bool = False  # left unread for its size: the input is not recorded as read


@dataclass(frozen=True)
class Ignored:
    """A file known to hold nothing Vigie takes (the Assemblée's ``document`` objects)."""

    member: str


@dataclass(frozen=True)
class Raw:
    """A file read but not parsed yet (parsing may happen in a worker process)."""

    member: str
    data: bytes


Event = Found | Problem | Ignored
Opener = Callable[[], BinaryIO]
BATCH = 128


def is_parlement_input(path: Path) -> bool:
    """Whether ``path`` holds Parliament files (else it is left to the DILA reader); for a
    folder, a DILA file named as DILA names them (``JORFTEXT….xml``) makes it a DILA delivery
    (its Parliament files are inputs of their own, ``documents.folders``), else the first of
    its files that is not an input of its own (``stands_alone``) and that a reader may take
    tells."""
    try:
        if path.is_dir():
            files = _files(path)
            if any(is_xml(file.name) and dila_by_name(file.name) for file in files):
                return False
            for file in files:
                head = _head(lambda f=file: f.open("rb"))
                if not stands_alone(file.name, head) and readable_family(head):
                    return is_parlement_head(head)
            return False
        return path.is_file() and is_parlement_head(_head(lambda: path.open("rb")))
    except OSError:
        return False


def stands_alone(name: str, head: bytes) -> bool:
    """Whether a file of a folder, named ``name`` and starting with ``head``, is an input of
    its own, read as if it had been given alone (``documents.folders``), and not as one of
    the folder's files: a DILA archive, a zip (of Parliament or DECP files), a DECP file, an
    answer of Judilibre (told from the first ``HEAD`` bytes: its fields may come late), a
    Cellar notice or an answer of EUR-Lex."""
    return (name.lower().endswith(TAR_SUFFIXES) or head.startswith((GZIP_MAGIC, *ZIP_MAGICS))
            or is_decp(head[:ALONE_HEAD]) or is_judilibre(head[:HEAD])
            or is_eu_notice(head))


def readable_family(head: bytes) -> bool:
    """Whether a file starting with ``head`` is of a family some reader takes (an XML or HTML
    file, a dump, a JSON file of the Assemblée's), and so may tell what a folder holds."""
    family = sniff(head)
    return family in (HTML, DUMP, XML) or (family == JSON and is_parlement_json(head))


def is_unknown_json(head: bytes) -> bool:
    """A JSON file that no reader of Vigie's takes (DECP files are told apart before)."""
    return sniff(head) == JSON and not is_parlement_json(head)


def is_parlement_head(head: bytes) -> bool:
    """Whether a file starting with ``head`` is one the Parliament reader takes."""
    family = sniff(head)
    return (head.startswith(ZIP_MAGICS) or family in (HTML, DUMP)
            or (family == JSON and is_parlement_json(head))
            or (family == XML and is_parlement_xml(head)))


def _head(opener: Opener) -> bytes:
    with opener() as handle:
        return handle.read(HEAD)


def events(path: Path, *, since: date | None = None, stats: DumpStats | None = None,
           workers: int = 0) -> Iterator[Event]:
    """The records and problems of an input, in its order, one file (or dump row) at a time;
    files are parsed by ``workers`` processes when there are more than one."""
    return parsed(_items(path, since, stats or DumpStats()), workers)


def parse_raw(member: str, data: bytes) -> list[Event]:
    """The events of one file: its records, its error, or that it holds nothing to take."""
    try:
        records = parse_parlement_member(member, data)
    except ParseError as error:
        return [Problem(member, str(error).removeprefix(f"{member} : "))]
    return [Found(member, record) for record in records] or [Ignored(member)]


def _parse_batch(batch: list[tuple[str, bytes]]) -> list[list[Event]]:
    return [parse_raw(member, data) for member, data in batch]


def parsed(items: Iterable[Event | Raw], workers: int) -> Iterator[Event]:
    """``items`` with each :class:`Raw` replaced by its events, in order. With workers,
    batches of files are parsed in other processes while this one stores the previous ones;
    only a few batches are in flight, so memory stays flat."""
    if workers <= 1:
        for item in items:
            yield from parse_raw(item.member, item.data) if isinstance(item, Raw) else (item,)
        return
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=die_with,
                             initargs=(os.getpid(),)) as pool:  # (they end with this one)
        pending: deque[tuple[list[Event | Raw], Future]] = deque()
        for batch in _batches(items):
            raws = [(i.member, i.data) for i in batch if isinstance(i, Raw)]
            pending.append((batch, pool.submit(_parse_batch, raws)))
            if len(pending) > 2 * workers:
                yield from _merge(*pending.popleft())
        while pending:
            yield from _merge(*pending.popleft())


def _batches(items: Iterable[Event | Raw]) -> Iterator[list[Event | Raw]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def _merge(batch: list[Event | Raw], future: Future) -> Iterator[Event]:
    results = iter(future.result())
    for item in batch:
        yield from next(results) if isinstance(item, Raw) else (item,)


def _items(path: Path, since: date | None, stats: DumpStats) -> Iterator[Event | Raw]:
    if path.is_dir():
        for file in _files(path):
            name = file.relative_to(path).as_posix()
            yield from _member(name, lambda f=file: f.open("rb"), file.stat().st_size,
                               since, stats, alone=True)
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


def _zip_events(path: Path, since: date | None, stats: DumpStats) -> Iterator[Event | Raw]:
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
            stats: DumpStats, alone: bool = False) -> Iterator[Event | Raw]:
    """One file: read once when small enough, streamed when it is the Sénat dump; ``alone``:
    nothing when it is an input of its own (``stands_alone``: a file of a folder)."""
    if size > max_file_bytes():
        head = _head(opener)
        if alone and stands_alone(name, head):
            return
        if sniff(head) == DUMP:
            yield from _dump_events(name, opener, head, since, stats)
            return
        yield Problem(name, f"fichier de {megabytes(size)}, plus que la limite de "
                      f"{megabytes(max_file_bytes())} (VIGIE_INGEST_MAX_FILE_MB), qui n'est "
                      "pas un dump SQL : ignoré. " + to_read_it("VIGIE_INGEST_MAX_FILE_MB", size),
                      refused=True)
        return
    with opener() as handle:
        data = handle.read()
    if alone and stands_alone(name, data):
        return
    if sniff(data[:HEAD]) == DUMP:
        yield from _dump_events(name, opener, data[:HEAD], since, stats)
        return
    yield Raw(name, data)


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


