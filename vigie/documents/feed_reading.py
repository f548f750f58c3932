"""Reading what a feed gave, by what it is: a news feed (RSS, Atom), BOAMP notices or aid
schemes. No database here, so that the fetching threads (``sources.feeds.fetch_and_read``) or
worker processes (``read_all``) can read feeds while the polling thread stores the previous
ones: reading costs more than storing. The likeness
sketch of each news item is made here too, for the same reason: the storing process, alone
to write, is the one to spare.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

import feedparser

from vigie.documents.lifeline import die_with
from vigie.documents.likeness import Sketch, sketch
from vigie.parsing.aides import Aid, AidError, is_aids, read_aids
from vigie.parsing.boamp import (
    Notice,
    NoticeError,
    is_boamp,
    notice_from_record,
    notice_from_xml,
    records_in,
)
from vigie.parsing.feed import FeedError, ParsedFeed, read_feed
from vigie.sources.feeds import unexpected_reason

T = TypeVar("T")
logger = logging.getLogger("vigie.feeds")


@dataclass(frozen=True)
class Payload:
    """What a body held; ``error`` (French) when it could not be read at all."""

    feed: ParsedFeed | None = None
    notices: tuple[Notice, ...] = ()
    aids: tuple[Aid, ...] = ()
    problems: tuple[str, ...] = field(default=())  # parts that could not be read
    error: str = ""
    sketches: tuple[Sketch, ...] = ()  # of ``feed.entries``' title and summary, in order


def _notices(body: bytes) -> Payload:
    if body.lstrip().startswith(b"<"):
        return Payload(notices=(notice_from_xml(body),))
    notices, problems = [], []
    for record in records_in(body):
        try:
            notices.append(notice_from_record(record))
        except NoticeError as error:
            problems.append(str(error))
    return Payload(notices=tuple(notices), problems=tuple(problems))


def read_body(body: bytes) -> Payload:
    """Read a fetched body; never raises for what the body holds."""
    try:
        if is_boamp(body):
            return _notices(body)
        if is_aids(body):
            aids, problems = read_aids(body)
            return Payload(aids=tuple(aids), problems=tuple(problems))
        parsed = read_feed(_parsed(body), body[:512])
        return Payload(feed=parsed, problems=(parsed.warning,) if parsed.warning else (),
                       sketches=tuple(sketch(e.gist) for e in parsed.entries))
    except (FeedError, NoticeError, AidError) as error:
        return Payload(error=str(error))


def _parsed(body: bytes) -> dict:
    """feedparser's reading of a body; ``FeedError`` when feedparser itself fails on it
    (« &#xD800; », half a surrogate pair, made it raise: the feeds' sync then waited
    forever for the thread that read it)."""
    try:
        return feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    except (UnicodeError, ValueError) as error:
        raise FeedError(f"ce n'est pas un flux RSS ou Atom lisible : feedparser n'a pas pu le "
                        f"lire ({type(error).__name__} : {str(error)[:200]})") from None


def _read_batch(bodies: list[bytes]) -> list[Payload]:
    return [_read_guarded(body) for body in bodies]


def _read_guarded(body: bytes) -> Payload:
    """``read_body`` in a reading process: what nothing foresaw is that feed's failure,
    not the whole batch's nor the sync's (as in the fetching threads, ``sources.feeds``)."""
    try:
        return read_body(body)
    except Exception as error:  # noqa: BLE001 - one feed's failure
        logger.debug("lecture d'un flux : erreur inattendue", exc_info=error)
        return Payload(error=unexpected_reason(error))


def read_all(items: Iterable[tuple[T, bytes | None]], workers: int
             ) -> Iterator[tuple[T, Payload | None]]:
    """Each item with the reading of its body (None when it has none), in input order;
    bodies are read by ``workers`` processes (none: in this one), a few batches in flight.
    The processes start with the first body: a poll where nothing changed (all 304) never
    pays for them."""
    if workers <= 1:
        for item, body in items:
            yield item, _read_guarded(body) if body is not None else None
        return
    pool: ProcessPoolExecutor | None = None
    pending: deque[tuple[list[tuple[T, bytes | None]], Future]] = deque()
    try:
        for batch in _batches(items, 8):
            bodies = [body for _, body in batch if body is not None]
            if not bodies and not pending:
                yield from ((item, None) for item, _ in batch)
                continue
            if bodies and pool is None:
                pool = ProcessPoolExecutor(  # (workers end with this process, even killed)
                    max_workers=workers, mp_context=multiprocessing.get_context("forkserver"),
                    initializer=die_with, initargs=(os.getpid(),))
            pending.append((batch, pool.submit(_read_batch, bodies) if bodies else _nothing()))
            if len(pending) > 4 * workers:
                yield from _merge(*pending.popleft())
        while pending:
            yield from _merge(*pending.popleft())
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _nothing() -> Future:
    done: Future = Future()
    done.set_result([])
    return done


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _merge(batch: list[tuple[T, bytes | None]], future: Future
           ) -> Iterator[tuple[T, Payload | None]]:
    payloads = iter(future.result())
    for item, body in batch:
        yield item, next(payloads) if body is not None else None
