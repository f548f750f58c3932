"""Search entries of an older index format (``INDEX_FORMAT``), written again by the daily
work a bounded number at a time.

After an upgrade that changes the format, entries of the format before miss the words whose
stems changed (format 4: « direction », « logement », « PLU ») until they are written
again. ``vigie repair`` writes them all; until an operator runs it, each run of the pipeline
(``vigie ingest``, ``sync``, ``morning``, ``analyse``) writes up to ``limit`` of them, the
newest texts first since readers search recent texts most. Each chunk is written in its own
transaction and what remains is asked for again at each run: a run killed midway loses
nothing, the entries it did not reach are still of the old format and taken next time.
"""

from __future__ import annotations

import functools
import operator
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import F, Q, QuerySet

from vigie.web.models import SearchEntry
from vigie.web.search import Upgraded
from vigie.web.search.index import CHUNK  # entries written together, one transaction each
from vigie.web.search.text import INDEX_FORMAT

# Each format but the current one, NULL (format 1) included, on its own: a test on the first
# column of migration 0008's index, whose rows then come in date order, newest first. (Asked
# at once, or as ``index_version <> 4``, the engines walk the date index and test each row:
# every entry read at each run once none remain.) Formats outside those ever written (a
# release downgraded) are read from the index unordered: there are none, or a handful.
FORMATS = (Q(index_version__isnull=True), *(Q(index_version=n) for n in range(2, INDEX_FORMAT)))
OTHERS = (Q(index_version__lt=2), Q(index_version__gt=INDEX_FORMAT))
OLD = functools.reduce(operator.or_, (*FORMATS, *OTHERS))
NEWEST = (F("date_publi").desc(nulls_last=True), "-id")  # undated texts last


def old_format() -> QuerySet[SearchEntry]:
    """The entries written in another format than ``INDEX_FORMAT``."""
    return SearchEntry.objects.filter(OLD)


def old_format_count() -> int:
    """How many entries are of another format (``/sante/``): read from an index."""
    return old_format().count()


def newest_old(limit: int) -> list[str]:
    """The uids of at most ``limit`` entries of another format, newest texts first (undated
    ones last): the newest of each format, then the newest of them all."""
    if limit <= 0:
        return []
    read = ("date_publi", "id", "uid")
    found: list[tuple[date | None, int, str]] = []
    for format_ in FORMATS:
        found += SearchEntry.objects.filter(format_).order_by(*NEWEST).values_list(*read)[:limit]
    for others in OTHERS:
        found += SearchEntry.objects.filter(others).order_by().values_list(*read)
    found.sort(key=lambda row: (row[0] is not None, row[0] or date.min, row[1]), reverse=True)
    return [uid for _, _, uid in found[:limit]]


def rewrite_old(limit: int, attempt: Callable[[Callable[[], Any]], Any] = lambda work: work(),
                pace: Callable[[list[list[str]]], Any] = iter,
                chunk: int = CHUNK) -> Upgraded:
    """Write again up to ``limit`` entries of another format, newest first, ``chunk`` at a
    time (each read and written by ``attempt``, in the order ``pace`` gives the chunks);
    what was done and what remains. An entry whose text has no title any more leaves the
    index, as ``refresh`` does it."""
    from vigie.web.search import refresh_chunks

    started = time.perf_counter()
    uids = attempt(lambda: newest_old(limit))
    if uids:
        refresh_chunks(pace([uids[i:i + chunk] for i in range(0, len(uids), chunk)]),
                       None, attempt)
    # (none found under the limit: none left)
    remaining = attempt(old_format_count) if uids or limit <= 0 else 0
    return Upgraded(len(uids), remaining, time.perf_counter() - started)
