"""Deciding many texts at once: in worker processes as well as in this one.

The analysis is pure (an item in, a decision out) and costs more than reading the texts and
writing their decisions: on a whole delivery, worker processes decide part of each chunk
while this process decides the rest. The chunk is cut into small batches handed to the
workers in order; this process takes, from the end, every batch no worker has begun, so the
work splits itself whatever the machine's load. The workers start when the deciders are
entered and this process decides alone until one of them is ready (it has imported the
analysis and loaded the geography): a batch handed to a worker still starting could not be
taken back, and on a loaded machine starting takes seconds. Decisions come back in the items'
order, the same as deciding them one by one here. A chunk can be handed out (``hand_out``)
and collected later (``collect``): the workers decide it while this process writes the
decisions of the chunk before and reads the next, so that neither waits for the other.

A worker imports the analysis only (no Django, no database): its memory is the geography and
the batch at hand. The caller gives a ``guard`` each worker runs first with the process id of
the one that started it (the pipeline's, ``documents.lifeline.die_with``, makes the worker die
with it, even killed).
``VIGIE_ANALYSIS_WORKERS`` sets how many (by default one fewer than the processors: this
process works too); below ``PARALLEL_FROM`` texts, starting them costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from types import TracebackType
from typing import TYPE_CHECKING, Any

from vigie.analysis.engine import analyse
from vigie.analysis.records import Decision, Item
from vigie.config import optional_count
from vigie.reference.geography import load_geo

if TYPE_CHECKING:  # the other kinds are imported when an item of theirs comes (``decide_item``)
    from vigie.analysis.case_law import CaseLawItem
    from vigie.analysis.eu_law import EuItem
    from vigie.analysis.outside import OutsideItem
    from vigie.analysis.questions import ParliamentItem

    AnyItem = Item | OutsideItem | ParliamentItem | CaseLawItem | EuItem
BATCH = 16  # items handed to a worker at once
PARALLEL_FROM = 400  # texts to analyse before workers are worth starting


def decide_item(item: AnyItem, today: date | None, urgent_days: int) -> Decision:
    """The decision for an item of any kind (JORF text, outside item, Parliament item).

    The module of a kind other than JORF texts is imported when an item of that kind comes: a
    worker given JORF texts only spares the time and memory of the other kinds' rules."""
    if _is(item, "outside", "OutsideItem"):  # news, BOAMP notices, aid schemes
        from vigie.analysis.outside import decide as decide_outside
        return decide_outside(item, today=today, urgent_within_days=urgent_days)
    if _is(item, "questions", "ParliamentItem"):
        from vigie.analysis.questions import analyse_parliament
        return analyse_parliament(item)
    if _is(item, "case_law", "CaseLawItem"):  # court decisions
        from vigie.analysis.case_law import decide as decide_case
        return decide_case(item)
    if _is(item, "eu_law", "EuItem"):  # acts of EU law
        from vigie.analysis.eu_law import decide as decide_eu
        return decide_eu(item)
    return analyse(item, today=today, urgent_within_days=urgent_days)


def _is(item: object, module: str, kind: str) -> bool:
    """``isinstance(item, vigie.analysis.<module>.<kind>)`` without importing the module: no
    item of a class exists before its module is imported (by its maker, or by unpickling)."""
    loaded = sys.modules.get(f"vigie.analysis.{module}")
    return loaded is not None and isinstance(item, getattr(loaded, kind))


def decide_batch(items: Sequence[AnyItem], today: date | None,
                 urgent_days: int) -> list[Decision]:
    return [decide_item(item, today, urgent_days) for item in items]


def analysis_workers(texts: int) -> int:
    """Worker processes for ``texts`` texts to analyse (``VIGIE_ANALYSIS_WORKERS`` overrides
    the count, 0 deciding everything in this process)."""
    if multiprocessing.current_process().daemon:  # a task queue's worker: no children
        return 0
    configured = optional_count("VIGIE_ANALYSIS_WORKERS")
    if configured is not None:
        return configured
    return max(0, (os.cpu_count() or 1) - 1) if texts >= PARALLEL_FROM else 0


def _start_worker(guard: Callable[[int], None] | None, parent: int) -> None:
    if guard is not None:
        guard(parent)
    load_geo()  # once per worker, before its first batch


def _ready() -> None:
    """Run by a worker once started: its answer says the workers take batches."""


@dataclass
class Handout:
    """Items handed to the workers (``Deciders.hand_out``), their decisions to ``collect``."""

    items: Sequence[AnyItem]
    today: date | None
    urgent_days: int
    batches: list[Sequence[AnyItem]] = field(default_factory=list)
    futures: list[Future] | None = None  # None: not handed out, this process decides
    done: dict[int, list[Decision]] = field(default_factory=dict)  # batches decided here


def _take_back(handout: Handout, enough: Callable[[], bool]) -> None:
    """Decide here the batches of ``handout`` no worker has begun, from the end, until
    ``enough``: workers take batches from the front, so once one is begun, every earlier
    one is too."""
    for index in reversed(range(len(handout.batches))):
        if enough():
            return
        if index in handout.done:  # taken back before
            continue
        if not handout.futures[index].cancel():
            return
        handout.done[index] = decide_batch(handout.batches[index], handout.today,
                                           handout.urgent_days)


class Deciders:
    """This process and ``workers`` worker processes, deciding chunks of items together
    (a context manager: the workers end with it). ``guard``: run first by each worker, given
    this process's id (picklable: a module's function)."""

    def __init__(self, workers: int = 0, guard: Callable[[int], None] | None = None) -> None:
        self.workers = workers
        self.guard = guard
        self._pool: ProcessPoolExecutor | None = None
        self._ready: Future | None = None
        self.shared = 0  # batches the workers decided

    def __enter__(self) -> Deciders:
        if self.workers > 0:  # they start while the caller reads its first texts
            self._started()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._pool is not None:
            # Never ready: nothing to wait for (they end when started, or with this process).
            self._pool.shutdown(wait=self.ready(), cancel_futures=True)
            self._pool = None

    def ready(self, timeout: float | None = 0) -> bool:
        """Whether a worker has started (waiting up to ``timeout`` seconds, None: until); a
        worker that could not start (its pool broken) leaves the deciding to this process."""
        if self._ready is None:
            return False
        try:
            self._ready.result(timeout)
        except Exception:  # noqa: BLE001 - still starting (TimeoutError), or broken
            return False
        return True

    def decide(self, items: Sequence[AnyItem], today: date | None,
               urgent_days: int) -> list[Decision]:
        """The decisions of ``items``, in their order."""
        return self.collect(self.hand_out(items, today, urgent_days))

    def hand_out(self, items: Sequence[AnyItem], today: date | None,
                 urgent_days: int) -> Handout:
        """Give ``items`` to the workers now, if they are ready, and return at once: they
        decide while this process does something else (writes the chunk before, reads the
        next); ``collect`` gives the decisions."""
        handout = Handout(items, today, urgent_days)
        if self.workers > 0 and len(items) > BATCH and self.ready():
            handout.batches = [items[i:i + BATCH] for i in range(0, len(items), BATCH)]
            pool = self._started()
            handout.futures = [pool.submit(decide_batch, batch, today, urgent_days)
                               for batch in handout.batches]
        return handout

    def collect(self, handout: Handout, spare: Handout | None = None) -> list[Decision]:
        """The decisions of a handout's items, in their order: this process decides every
        batch no worker has begun, from the end; then, while the workers finish theirs,
        batches from the end of ``spare`` (the handout after it) rather than wait."""
        if handout.futures is None:  # the workers were not ready: perhaps they are now
            handout = self.hand_out(handout.items, handout.today, handout.urgent_days)
        if handout.futures is None:
            return decide_batch(handout.items, handout.today, handout.urgent_days)
        _take_back(handout, lambda: False)
        if spare is not None and spare.futures is not None:
            _take_back(spare, lambda: all(f.done() for f in handout.futures
                                          if not f.cancelled()))
        self.shared += len(handout.batches) - len(handout.done)
        return [decision for index, future in enumerate(handout.futures) for decision in
                (handout.done[index] if index in handout.done else future.result())]

    def submit(self, work: Callable[..., Any], *args: Any) -> Future | None:
        """Run ``work(*args)`` (a pure module function) in a worker if one is ready: a
        later step gives the workers, idle once the analysis is done, work of its own
        (the search index's words); None when there is none, the caller doing it."""
        if self.workers > 0 and self.ready():
            return self._started().submit(work, *args)
        return None

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                             initializer=_start_worker,
                                             initargs=(self.guard, os.getpid()))
            self._ready = self._pool.submit(_ready)
        return self._pool
