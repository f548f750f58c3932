"""Parsing a delivery's members in worker processes while this process writes them.

Parsing costs more than storing, and a daily delivery holds thousands of members: worker
processes parse batches of members while the main process, the only one that talks to
the database, writes the previous ones. Order is kept, and only a few batches are in
flight at once, so memory stays flat whatever the size of the delivery.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from vigie.documents.fields import Prepared, prepare
from vigie.parsing.dispatch import parse_batch
from vigie.parsing.model import Parsed, ParsedText
from vigie.sources.archives import Member, MemberProblem

BATCH = 128
# Below this input size the pool's start-up costs more than it saves.
PARALLEL_FROM_BYTES = 2 * 1024 * 1024

Item = Member | MemberProblem
Outcome = tuple[Parsed | None, str, Prepared | None]
Result = tuple[Item, Parsed | None, str, Prepared | None]


def work(batch: list[tuple[str, bytes]]) -> list[Outcome]:
    """What a worker does with a batch: parse, then prepare the texts' stored values."""
    return [
        (record, error, prepare(record) if isinstance(record, ParsedText) else None)
        for record, error in parse_batch(batch)
    ]


def worker_count(input_size: int) -> int:
    """Workers for an input of ``input_size`` bytes (``VIGIE_INGEST_WORKERS`` overrides)."""
    configured = os.environ.get("VIGIE_INGEST_WORKERS", "")
    if configured.isdigit():
        return int(configured)
    return (os.cpu_count() or 1) if input_size >= PARALLEL_FROM_BYTES else 0


def _batches(items: Iterable[Item]) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _members(batch: list[Item]) -> list[tuple[str, bytes]]:
    return [(i.name, i.data) for i in batch if isinstance(i, Member) and _is_xml(i)]


def _is_xml(item: Member) -> bool:
    return item.name.lower().endswith(".xml")


def _merge(batch: list[Item], outcomes: list[Outcome]) -> Iterator[Result]:
    results = iter(outcomes)
    for item in batch:
        if isinstance(item, Member) and _is_xml(item):
            yield (item, *next(results))
        else:
            yield item, None, "", None


def parsed_items(items: Iterable[Item], workers: int) -> Iterator[Result]:
    """Each item with its parsed record (or error) and prepared values, in input order."""
    if workers <= 1:
        for batch in _batches(items):
            yield from _merge(batch, work(_members(batch)))
        return
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[tuple[list[Item], Future]] = deque()
        for batch in _batches(items):
            pending.append((batch, pool.submit(work, _members(batch))))
            if len(pending) > 2 * workers:
                done, future = pending.popleft()
                yield from _merge(done, future.result())
        while pending:
            done, future = pending.popleft()
            yield from _merge(done, future.result())
