"""Full-text search over every stored document: the one contract both databases honour.

``search()`` answers pages of ``SearchHit``; ``refresh()`` keeps the index in step with the
stored texts and their analyses (the pipeline calls it after each analysis). The text is
accent-folded in Python on both databases; SQLite then matches French Snowball stems in an
FTS5 table, PostgreSQL matches with its ``french`` text search configuration. Same query,
same filters, same results (tests run on both).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vigie.web.search.index import Helpers
    from vigie.web.search.vocabulary import CatchingUp

SORTS = ("date", "pertinence")  # newest first (default) | best match first


@dataclass(frozen=True)
class SearchFilters:
    """What narrows a search; empty values mean « any »."""

    theme: str = ""  # theme slug (main or secondary theme), see reference.taxonomy.THEMES
    role: str = ""  # reader role slug, see reference.taxonomy.ROLES
    rubric: str = ""  # rubric slug, see reference.taxonomy.RUBRICS
    departement: str = ""  # INSEE code: texts that name this département
    nature: str = ""  # DILA nature: LOI, DECRET, ARRETE…
    date_from: date | None = None  # publication date, inclusive
    date_to: date | None = None  # publication date, inclusive
    retained_only: bool = False  # only texts retained for local authorities
    sort: str = "date"  # one of SORTS


@dataclass(frozen=True)
class SearchHit:
    """One document found, with what a results list shows."""

    uid: str  # JORFTEXT…
    title: str
    date_publi: date | None
    theme: str  # main theme slug given by the analysis, retained or not ("" if not analysed)
    snippet: str  # plain text around the first match (or the beginning of the text)
    theme_label: str = ""
    short_title: str = ""
    nature: str = ""
    rubric: str = "jo"
    retained: bool = False
    urgent: bool = False
    status: str = "complete"
    url: str = ""  # path of the item page on the site: /texte/<uid>/
    # (start, end) offsets of the matched words inside ``snippet``, for highlighting.
    marks: tuple[tuple[int, int], ...] = field(default=())


@dataclass(frozen=True)
class SearchPage:
    """One page of results; ``pages`` is at least 1, ``total`` counts every match up to
    ``query.COUNT_CAP`` (1 000): beyond, ``total`` is the cap and ``total_capped`` is True
    (« plus de 1 000 résultats »), and pages stop at the cap."""

    results: list[SearchHit]
    total: int
    page: int
    pages: int
    per_page: int = 20
    query: str = ""
    total_capped: bool = False
    # After the last page (or when nothing holds every term): texts holding most of the terms,
    # those missing the fewest first (at most ``query.PARTIAL_LIMIT``), and how many there are.
    partial: list[SearchHit] = field(default_factory=list)
    partial_total: int = 0
    # When nothing (or next to nothing) is found: the query respelt with words of the texts
    # (« subvension » → « subvention »), "" when every word is known (``suggestion``).
    suggestion: str = ""


@dataclass(frozen=True)
class Upgraded:
    """What a run of the daily work did to the entries of an older index format
    (``upgrade.rewrite_old``): written again, left for the next runs, and in how long."""

    rewritten: int
    remaining: int
    seconds: float


def search(query: str, *, filters: SearchFilters | None = None, page: int = 1,
           per_page: int = 20) -> SearchPage:
    """Documents matching every word of ``query`` (accents, case and French inflections
    ignored; a phrase in quotes or a compound word as a phrase) and the filters; an empty query
    lists the filtered documents. ``page`` beyond the last gives the last page; on it, texts
    holding most of several words come in ``partial``."""
    from vigie.web.search.query import run_search

    return run_search(query, filters=filters or SearchFilters(), page=page, per_page=per_page)


def refresh(uids: Iterable[str]) -> int:
    """(Re)index these documents from what is stored (text and analysis); documents that no
    longer exist leave the index. Returns how many entries were written."""
    from vigie.web.search.index import refresh_uids

    return refresh_uids(uids)


def refresh_chunks(chunks: Iterable[Sequence[str]], helpers: Helpers | None = None,
                   attempt: Callable[[Callable[[], Any]], Any] = lambda work: work(),
                   words: CatchingUp | None = None) -> int:
    """``refresh`` a chunk of texts at a time: each chunk is read (by ``attempt``, as each
    write), then the chunk before written, while ``helpers`` (processes idle after the
    analysis) make the indexed words of the one read; then the vocabulary of corrections reads
    the words of every entry written (these, and those the analysis wrote as it went); with
    ``words``, it only begins (``CatchingUp.begin``: the helpers fold them while the caller
    does other work), the caller ending it. Returns how many entries there are."""
    from vigie.web.search.index import read_chunk, write_chunk
    from vigie.web.search.vocabulary import catch_up

    count, before = 0, None
    for chunk in chunks:
        read = attempt(lambda chunk=chunk: read_chunk(sorted(set(chunk)), helpers))
        if before is not None:
            count += attempt(lambda before=before: write_chunk(before))
        before = read
    count += attempt(lambda: write_chunk(before)) if before is not None else 0
    attempt(words.begin if words is not None else catch_up)
    return count


def refresh_missing() -> int:
    """Index the stored documents that have no entry yet (after an upgrade, for instance)."""
    from vigie.web.search.index import refresh_missing as _missing

    return _missing()


def stale() -> list[str]:
    """The texts whose entry is missing or out of step with the text and its decision."""
    from vigie.web.search.index import stale_uids

    return stale_uids()


def version() -> str:
    """The version of the index: it changes whenever an entry does (``page_cache``)."""
    from vigie.web.search.state import version as _version

    return _version()
