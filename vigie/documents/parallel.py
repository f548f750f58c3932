"""Parsing a delivery's members in worker processes while this process writes them.

Parsing costs more than storing, and a daily delivery holds thousands of members: worker
processes parse batches of members while the main process, the only one that talks to
the database, writes the previous ones. Order is kept, and what waits for the workers is
bounded in bytes (``VIGIE_INGEST_QUEUE_MB``), not only in batches, so memory stays flat
whatever the size of the delivery or of its files.

A worker also refuses a text larger than ``VIGIE_INGEST_MAX_TEXT_MB`` once read (an anomaly,
like a malformed member), and dies with the process that started the ingest
(``lifeline.die_with``): a killed ``vigie ingest`` leaves no worker behind.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from vigie.config import optional_count
from vigie.documents import early
from vigie.documents.fields import text_size
from vigie.documents.lifeline import die_with
from vigie.documents.packed import packed, unpacked
from vigie.documents.settling import settled_worker
from vigie.parsing.dispatch import parse_batch
from vigie.parsing.model import Parsed, ParsedText
from vigie.sources.archives import Member, MemberProblem, iter_members
from vigie.sources.members import megabytes, new_member, to_read_it

BATCH = 128
# Below this input size, inflated (``sources.archives.inflated_size``: 2 Mio of XML, some
# 800 files), the pool's start-up costs more than it saves.
PARALLEL_FROM_BYTES = 2 * 1024 * 1024
# A worker leaves a batch to the writing process when it is fewer than this many batches
# ahead of it (``parsed_here``).
SLACK = 2

Item = Member | MemberProblem
Outcome = tuple[Parsed | None, str]
# An item, the size of what it brought, and what the workers made of it.
Result = tuple[Item, int, Parsed | None, str]


def work(batch: list[tuple[str, bytes]], max_text: int) -> list[Outcome]:
    """What a worker does with a batch: parse, check the texts' size.

    Not their prepared values (``fields.prepare``): the writing process makes them, while
    the worker, the ingest's critical path, reads on."""
    return [_outcome(name, record, error, max_text)
            for (name, _), (record, error) in zip(batch, parse_batch(batch), strict=True)]


class Refused(str):
    """Why a text was refused for its size (``VIGIE_INGEST_MAX_TEXT_MB``): an anomaly, as a
    file over its size limit is, and the delivery is not recorded as read entirely."""


def _outcome(name: str, record: Parsed | None, error: str, max_text: int) -> Outcome:
    if not isinstance(record, ParsedText):
        return record, error
    size = text_size(record)
    if size > max_text:
        count = f"{size:,}".replace(",", "\u202f")
        return None, Refused(
            f"{name} : le texte {record.id} compte {count} caractères une fois lu (titre, "
            f"visas, notice, articles), au-delà de la limite de {megabytes(max_text)} "
            "(VIGIE_INGEST_MAX_TEXT_MB) : ignoré. "
            + to_read_it("VIGIE_INGEST_MAX_TEXT_MB", size))
    return record, error


def worker_count(input_size: int) -> int:
    """Workers for an input of ``input_size`` bytes (``VIGIE_INGEST_WORKERS`` overrides)."""
    configured = optional_count("VIGIE_INGEST_WORKERS")
    if configured is not None:
        return configured
    return (os.cpu_count() or 1) if input_size >= PARALLEL_FROM_BYTES else 0


def reader_count(input_size: int) -> int:
    """Workers that read and parse an input of ``input_size`` bytes themselves
    (``parsed_input``): one core is left to the process that writes, and each reader walks the
    whole input, so one fewer than the cores, but at least one (``VIGIE_INGEST_WORKERS``
    overrides)."""
    configured = optional_count("VIGIE_INGEST_WORKERS")
    if configured is not None:
        return configured
    return max(1, (os.cpu_count() or 1) - 1) if input_size >= PARALLEL_FROM_BYTES else 0


def _size(item: Item) -> int:
    return len(item.data) if isinstance(item, Member) else 0


def _batches(items: Iterable[Item], most_bytes: int) -> Iterator[tuple[list[Item], int]]:
    """Batches of at most ``BATCH`` members and about ``most_bytes`` bytes, with their size."""
    batch: list[Item] = []
    size = 0
    for item in items:
        batch.append(item)
        size += _size(item)
        if len(batch) >= BATCH or size >= most_bytes:
            yield batch, size
            batch, size = [], 0
    if batch:
        yield batch, size


def _members(batch: list[Item]) -> list[tuple[str, bytes]]:
    return [(i.name, i.data) for i in batch if isinstance(i, Member) and _is_xml(i)]


def _is_xml(item: Member) -> bool:
    return item.name.lower().endswith(".xml")


def _merge(batch: list[Item], outcomes: list[Outcome]) -> Iterator[Result]:
    results = iter(outcomes)
    for item in batch:
        if isinstance(item, Member) and _is_xml(item):
            yield (item, _size(item), *next(results))
        else:
            yield item, _size(item), None, ""


def parsed_items(items: Iterable[Item], workers: int, *, queue_bytes: int,
                 max_text: int) -> Iterator[Result]:
    """Each item with its size and its parsed record (or error), in input order.

    At most about ``queue_bytes`` bytes of members wait for the workers (plus one member).
    """
    batches = _batches(items, max(1, queue_bytes // 8))
    if workers <= 1:
        for batch, _ in batches:
            yield from _merge(batch, work(_members(batch), max_text))
        return
    with pool(workers) as workers_pool:
        pending: deque[tuple[list[Item], int, Future]] = deque()
        waiting = 0
        for batch, size in batches:
            pending.append((batch, size, workers_pool.submit(work, _members(batch), max_text)))
            waiting += size
            while pending and (len(pending) > 2 * workers or waiting > queue_bytes):
                done, done_size, future = pending.popleft()
                waiting -= done_size
                yield from _merge(done, future.result())
        while pending:
            done, _, future = pending.popleft()
            yield from _merge(done, future.result())


class Pool(ProcessPoolExecutor):
    """Worker processes (``pool``), each ending with this process, and sharing with it
    ``at``: the index of the batch it is at (``parsed_input``)."""

    def __init__(self, workers: int, method: str = "forkserver") -> None:
        context = multiprocessing.get_context(method)
        self.at = context.RawValue("q", 0)  # shared memory: read without a message
        super().__init__(max_workers=workers, mp_context=context, initializer=_worker,
                         initargs=(os.getpid(), self.at))


def pool(workers: int, method: str = "forkserver") -> Pool:
    """Worker processes from a fork server (or forked from this process, ``method``
    "fork": only before Django and its connections), each ending with this process."""
    return Pool(workers, method)


# In a worker: where the writing process is (``Pool.at``).
_at: Any = None


def _worker(parent: int, at: Any) -> None:
    global _at
    _at = at
    settled_worker()
    die_with(parent)


# --- Workers that read the input themselves ---------------------------------------------------


def parsed_input(path: Path, workers: int, *, max_bytes: int, queue_bytes: int,
                 max_text: int) -> Iterator[Result]:
    """What ``parsed_items`` gives for the members of an input (``iter_members``), the
    workers reading the input themselves: each walks it whole (inflating costs little) and
    parses its share of the batches, so that the members' bytes never go through this
    process, which only writes. Members come back without their bytes (their size is given).

    At most ``queue_bytes`` bytes of members are being parsed or wait to be written (four
    times as many, at most, for the batches asked for while ``vigie ingest`` starts up:
    ``early.STARTING_AHEAD``).

    This process parses its own share of the batches too, as the work goes: the workers
    send unparsed those it would soon wait for (``parsed_here``).
    """
    members = iter_members(path, max_bytes=max_bytes)  # InputError now, not in a worker
    if workers < 1:
        yield from parsed_items(members, workers, queue_bytes=queue_bytes, max_text=max_text)
        return
    members.close()
    wanted = early.limits(queue_bytes, max_bytes, max_text)
    # Started before Django by ``vigie ingest`` (``early``), or now.
    workers_pool, pending = early.adopt((str(path), workers, wanted)) or (pool(workers), deque())
    with workers_pool:
        try:
            for index in itertools.count():
                while len(pending) < early.AHEAD:  # batches of at most an eighth of the queue
                    pending.append(workers_pool.submit(read_batch, str(path), wanted,
                                                       index + len(pending), SLACK))
                workers_pool.at.value = index
                shipped = pending.popleft().result()
                if shipped is None:  # the input has ended: so have the batches asked after
                    return
                if isinstance(shipped, Unparsed):  # this process's share
                    yield from _merge(shipped, work(_members(shipped), max_text))
                else:
                    yield from _received(shipped, path)
        finally:  # at the end, or when the caller stops early: nothing more to parse
            for future in pending:
                future.cancel()


def parsed_here(index: int, at: int, slack: int) -> bool:
    """Whether batch ``index`` is left to the writing process, which is at batch ``at``
    (``Pool.at``, shared with the workers): when it is fewer than ``slack`` batches ahead of
    it, the writing process would soon wait for it, having nothing else to do; further
    ahead, the writing process has batches to write still (on PostgreSQL, writing costs
    more) and the worker parses it."""
    return index - at < slack


class Unparsed(list):
    """A batch that a worker sends unparsed (its members with their bytes): the writing
    process parses it (``parsed_here``)."""


# This worker's walk through an input: its batches and the index of the next one. The
# executor hands tasks out in order, so each worker is asked for ever later batches.
_walk: dict[str, Any] = {}


def read_batch(path: str, limits: tuple[int, int, int], index: int,
               slack: int = 0) -> list[Any] | None:
    """What a worker does for batch ``index`` of an input: walk the input up to it (the
    batches in between are other workers'), parse it, unless the writing process is fewer
    than ``slack`` batches behind (``parsed_here``: then the batch goes as it is,
    ``Unparsed``); None past the input's end.
    ``limits``: the file size cap, the bytes of a batch, the text size cap."""
    max_bytes, most, max_text = limits
    if _walk.get("path") != path or _walk["next"] > index:
        members = iter_members(Path(path), max_bytes=max_bytes)
        _walk.update(path=path, next=0, batches=_batches(members, most))
    for batch, _ in _walk["batches"]:
        _walk["next"] += 1
        if _walk["next"] > index and slack and parsed_here(index, _at.value, slack):
            return Unparsed(batch)
        if _walk["next"] > index:
            return _shipped(batch, work(_members(batch), max_text), (path, Path(path).name))
    return None


def _shipped(batch: list[Item], outcomes: list[Outcome], where: tuple[str, str]) -> list[Any]:
    """What goes back to the writing process for a batch: ``_merge``'s results, where a
    member of the input (``where``: its path and delivery) is its name alone (its bytes are
    parsed already): cheaper to send than a member, and than a copy without its bytes; and
    its record the tuple of its values (``packed``)."""
    results = iter(outcomes)
    shipped: list[Any] = []
    for item in batch:
        if not isinstance(item, Member):
            shipped.append((item, 0, None, ""))
            continue
        name: Item | str = item.name
        if (item.input, item.delivery) != where:  # not ``replace``: three times slower
            name = new_member(item.input, item.delivery, item.name, b"")
        if _is_xml(item):
            record, error = next(results)
            shipped.append((name, len(item.data), packed(record), error))
        else:
            shipped.append((name, len(item.data), None, ""))
    return shipped


def _received(shipped: list[Any], path: Path) -> Iterator[Result]:
    """A batch's results as ``parsed_items`` gives them: members rebuilt (without their
    bytes) from their names, records from their values."""
    source, delivery = str(path), path.name
    for item, size, record, error in shipped:
        if isinstance(item, str):
            item = new_member(source, delivery, item, b"")
        yield item, size, unpacked(record), error
