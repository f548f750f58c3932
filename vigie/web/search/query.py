"""Answering a search: filters with the ORM, words with the database's full-text engine.

Counting, paging and ordering happen in SQL on both databases; only the word match differs,
in ``_match``, and the relevance order, in ``_ranked`` (computed only when asked for).
Counting stops at ``COUNT_CAP`` (``SearchPage.total_capped``); beyond, both databases rank
only the ``COUNT_CAP`` newest matches (recency is part of relevance for a news service, and
scoring every match of a common word took seconds). Snippets are cut in Python from the
stored text.

A query is a list of terms (``text.query_terms``): words, and phrases in quotes or written as
compounds. The results hold every term. When they end (their last page, or none at all) and
the query has several terms, ``SearchPage.partial`` adds the texts that hold most of them
(at least half), those missing the fewest first, then newest: « élections municipales » still
shows the texts on the elections that never say « municipales ». The boolean expressions are
built here for each engine from the same stems: FTS5 (``"a b"`` for a phrase) and
``to_tsquery`` with the ``simple`` configuration (``a <-> b`` for a phrase), so that both
answer the same.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from itertools import combinations

from django.db import connection, transaction
from django.db.models import BooleanField, CharField, F, FloatField, Func, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.lookups import Exact

from vigie.reference.taxonomy import theme_label
from vigie.web.addresses import text_path
from vigie.web.models import SearchEntry
from vigie.web.search import SearchFilters, SearchHit, SearchPage
from vigie.web.search.spellings import joined
from vigie.web.search.state import version
from vigie.web.search.suggestion import suggestion
from vigie.web.search.text import (
    STOP_WORDS,
    legacy_stem,
    query_stems,
    query_terms,
    snippet,
    stem,
)

SQLITE_MATCH = "SELECT rowid FROM web_search_fts WHERE web_search_fts MATCH %s"
# The same, written so that SQLite does not look the matches up by rowid (the unary ``+``
# keeps the primary key out of the plan): it walks its date index, newest first, testing each
# entry against the matches, and stops at the page (``_newest``, many matches).
SQLITE_WALK = f"+web_searchentry.id IN ({SQLITE_MATCH})"
# bm25: lower is better; the title counts four times as much as the body. Computed in one
# pass over the FTS5 matches (a correlated subquery would run the MATCH again for each row).
# ``{within}``: the identifiers kept (filters, candidates), tested on each match as FTS5 gives
# it, before its row is read and its score computed. The unary ``+`` keeps the list from
# FTS5, which would run the MATCH again for each identifier (a thousand: 8 s).
SQLITE_RANKED = ("SELECT m.rowid FROM (SELECT rowid, bm25(web_search_fts, 4.0, 1.0) AS score "
                 "FROM web_search_fts WHERE web_search_fts MATCH %s{within}) AS m "
                 "JOIN web_searchentry ON web_searchentry.id = m.rowid "
                 "ORDER BY m.score, web_searchentry.date_publi DESC NULLS LAST, "
                 "web_searchentry.uid LIMIT %s OFFSET %s")
# The column unqualified: within a subquery (``_ranked``) Django names the table U0, and
# ``web_searchentry.search_vector`` would be the outer row's — a correlated subquery, run
# again for every row.
PG_MATCH = "search_vector @@ to_tsquery('simple'::regconfig, %s)"
PG_SCORE = "ts_rank_cd(web_searchentry.search_vector, to_tsquery('simple'::regconfig, %s))"
# Counting stops here: a very common word would otherwise be counted over the whole index.
COUNT_CAP = 1000
PARTIAL_LIMIT = 10  # texts holding most of the terms, shown after the last page of results
PARTIAL_TERMS = 6  # beyond, the first six terms decide which texts come close
JOINED_WORDS = 4  # a phrase of more words is not looked for written as one word


Term = tuple[str, ...]  # folded words: one for a word, several for a phrase


def expression(terms: list[Term], at_least: int | None = None, below: int | None = None) -> str:
    """The engine's boolean query for: at least ``at_least`` of ``terms`` (all by default),
    and fewer than ``below`` of them when given."""
    count = len(terms)
    legacy = _format_1_left(version())
    wanted = _at_least(terms, at_least or count, legacy)
    if below is not None and below <= count:
        negated = _at_least(terms, below, legacy)
        return (f"({wanted}) NOT ({negated})" if connection.vendor == "sqlite"
                else f"({wanted}) & !({negated})")
    return wanted


def _at_least(terms: list[Term], k: int, legacy: bool) -> str:
    sqlite = connection.vendor == "sqlite"
    both, either = (" AND ", " OR ") if sqlite else (" & ", " | ")
    groups = [both.join(_term(t, sqlite, legacy) for t in group)
              for group in combinations(terms, k)]
    return either.join(f"({g})" if len(groups) > 1 else g for g in groups)


def _term(term: Term, sqlite: bool, legacy: bool) -> str:
    """The term's stems (``stem``) as a phrase, or those of index format 1 (``legacy_stem``)
    when they differ and such entries remain (``_format_1_left``): entries not yet written
    again in the current format are still found; a phrase also as its words written joined
    (« vidéo-protection », « vidéoprotection »: ``spellings``). Stems are letters and digits
    only: nothing to escape."""
    ways = [_phrase(map(stem, term), sqlite)]
    if legacy:
        ways.append(_phrase(map(legacy_stem, term), sqlite))
    if 1 < len(term) <= JOINED_WORDS:
        ways.append(_phrase([stem(joined(term, STOP_WORDS))], sqlite))
    ways = list(dict.fromkeys(ways))
    if len(ways) == 1:
        return ways[0]
    return "(" + (" OR " if sqlite else " | ").join(ways) + ")"


@lru_cache(maxsize=4)
def _format_1_left(index_version: str) -> bool:
    """Whether entries of index format 1 remain, for this version of the index. Their stems
    (Snowball's own) are asked only then: in an index of the current format they would
    find other words (« directive » as Snowball stems it is « direct », « directe »)."""
    return SearchEntry.objects.filter(index_version__isnull=True).exists()


def _phrase(stems: Iterable[str], sqlite: bool) -> str:
    """FTS5: the stems as one quoted phrase; to_tsquery: the stems joined by <->."""
    stems = list(stems)
    if sqlite:
        return '"' + " ".join(stems) + '"'
    return "(" + " <-> ".join(stems) + ")" if len(stems) > 1 else stems[0]


def filtered(filters: SearchFilters, *, walk: bool = False) -> QuerySet[SearchEntry]:
    """The entries the filters keep. ``walk`` (SQLite, see ``_match``): a rubric or a nature
    is tested in the date index too, not looked up in its own index (an equality, which SQLite
    prefers without statistics: then every match of a common word was sorted by date, 0.13 s
    for the arrêtés at 200 000 texts)."""
    conditions = Q()
    for value, field in ((filters.theme, "themes"), (filters.role, "roles"),
                         (filters.departement, "departements")):
        if value:
            conditions &= Q(**{f"{field}__contains": f" {value} "})
    unindexed = walk and connection.vendor == "sqlite"
    for value, field in ((filters.rubric, "rubric"), (filters.nature, "nature")):
        if value:
            conditions &= Q(Exact(Func(F(field), template="+%(expressions)s",
                                       output_field=CharField()), value)) if unindexed \
                else Q(**{field: value})
    if filters.date_from:
        conditions &= Q(date_publi__gte=filters.date_from)
    if filters.date_to:
        conditions &= Q(date_publi__lte=filters.date_to)
    if filters.retained_only:
        conditions &= Q(retained=True)
    return SearchEntry.objects.filter(conditions)


def _match(entries: QuerySet[SearchEntry], match: str, *, walk: bool = False) -> QuerySet:
    """Entries matching the engine's expression (no score: see ``_ranked``). ``walk``
    (SQLite): the newest are found along the date index rather than by sorting every match."""
    if connection.vendor == "postgresql":
        return entries.filter(RawSQL(PG_MATCH, [match], output_field=BooleanField()))
    if walk:
        return entries.filter(RawSQL(SQLITE_WALK, [match], output_field=BooleanField()))
    return entries.filter(id__in=RawSQL(SQLITE_MATCH, [match]))


def _common(match: str) -> bool:
    """SQLite: whether the words alone match more texts than the count goes. Then, with
    filters, the count walks the date index (which holds them, migration 0006) testing each
    entry against the matches, rather than reading the row of every match for its filters
    (a common word with a département: 1.2 s → 0.2 s at 200 000 texts); a rarer word is
    still looked up match by match."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({SQLITE_MATCH} LIMIT %s)", [match, COUNT_CAP + 1])
        return cursor.fetchone()[0] > COUNT_CAP


def _by_date(entries: QuerySet) -> QuerySet:
    """Newest first, then by identifier: the database walks its date index and stops early."""
    return entries.order_by(F("date_publi").desc(nulls_last=True), "uid")


# What a results list shows needs neither of the indexed copies of the text.
UNSHOWN = ("index_title", "index_body")


def _newest(entries: QuerySet, start: int, stop: int, *, few: bool) -> list[SearchEntry]:
    """Entries ``start:stop`` newest first. ``few``: the words match at most ``COUNT_CAP``
    texts, and PostgreSQL is told so: walking its date index, it would test the words on
    each text from the newest on — for a word in a handful of texts, the whole table
    (seconds at 100 000 texts); without index scans it takes the matches from the full-text
    index (GIN) and sorts those few."""
    if connection.vendor == "sqlite":
        # The page's identifiers first, then its rows: sorting carries three small columns,
        # not each match's text (at 200 000 texts, a common word: 7 s → 0.1 s with ``walk``).
        ids = list(_by_date(entries).values_list("id", flat=True)[start:stop])
        found = SearchEntry.objects.defer(*UNSHOWN).in_bulk(ids)
        return [found[i] for i in ids if i in found]
    page = _by_date(entries).defer(*UNSHOWN)[start:stop]
    if not few:
        return list(page)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_indexscan = off")  # until this block ends
        cursor.execute("SET LOCAL enable_seqscan = off")
        return list(page)


def _ranked(matching: QuerySet[SearchEntry], filters: SearchFilters, match: str,
            start: int, stop: int, *, capped: bool = False) -> list[SearchEntry]:
    """One page of the matches, best first (then newest, then by identifier).

    ``capped`` (more matches than the count goes): only the ``COUNT_CAP`` newest matches
    (``_candidates``) are scored, on both databases. Scoring every match of a word in most of
    200 000 texts took 1 to 2 s (``bench/search_rank.py``): PostgreSQL reads each match's
    stored vector, out of line (TOAST) for a long text; SQLite computes bm25 for each FTS5
    match and reads its row for the sort. The pages shown (``COUNT_CAP`` results at most) all
    come from these candidates, so none repeats or goes missing from one page to the next;
    fewer matches are all scored."""
    if connection.vendor == "postgresql":
        if capped:
            matching = SearchEntry.objects.filter(id__in=_candidates(filters, match))
        scored = matching.annotate(score=RawSQL(PG_SCORE, [match], output_field=FloatField()))
        return list(scored.order_by("-score", F("date_publi").desc(nulls_last=True),
                                    "uid").defer(*UNSHOWN)[start:stop])
    within, params = "", []
    kept = _candidates(filters, match) if capped else filtered(filters).values("id")
    if capped or kept.query.where:  # the candidates, or the rows the filters keep
        sql, params = kept.query.sql_with_params()
        within = f" AND +rowid IN ({sql})"
    with connection.cursor() as cursor:
        cursor.execute(SQLITE_RANKED.format(within=within), [match, *params, stop - start, start])
        ids = [row[0] for row in cursor.fetchall()]
    found = SearchEntry.objects.defer(*UNSHOWN).in_bulk(ids)
    return [found[i] for i in ids if i in found]


def _candidates(filters: SearchFilters, match: str) -> QuerySet:
    """The identifiers of the ``COUNT_CAP`` newest matches, what a capped ranking scores: a
    word in most texts, they are found along the date index (SQLite: ``walk``)."""
    walked = _match(filtered(filters, walk=True), match, walk=True)
    return _by_date(walked).values("id")[:COUNT_CAP]


def _count(entries: QuerySet, *, matched: bool = True) -> tuple[int, bool]:
    """How many entries, counting no further than ``COUNT_CAP``; True when capped.

    PostgreSQL estimates a text match as cheap to test row by row and, for a word found in a
    few percent of the texts, reads the table from its start until it has counted enough —
    unpacking each text's stored index on the way (hundreds of milliseconds at 100 000
    texts). Told not to scan the table when an index can answer, it takes the matches from
    the full-text index (GIN) instead: four times faster, whatever the word.

    Only with words (``matched``): filters alone (a département, a theme) have no index to
    answer, and a table scan forbidden but unavoidable is costed at 10¹⁰ by the planner,
    which then compiles the query (JIT) — a tenth of a second, for a 5 ms scan.
    """
    capped = entries.order_by().values("id")[:COUNT_CAP + 1]
    if connection.vendor != "postgresql" or not matched:
        seen = capped.count()
    else:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # until this block ends
            seen = capped.count()
    return min(seen, COUNT_CAP), seen > COUNT_CAP


def run_search(query: str, *, filters: SearchFilters, page: int, per_page: int) -> SearchPage:
    per_page = max(1, per_page)
    terms = query_terms(query)
    if query.strip() and not terms:  # only stop words or punctuation: nothing to look for
        return SearchPage([], 0, 1, 1, per_page, query)
    entries = filtered(filters)
    match = expression(terms) if terms else ""
    if terms:
        entries = _match(entries, match, walk=bool(entries.query.where) and _common(match))
    total, capped = _count(entries, matched=bool(terms))
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    start = (page - 1) * per_page
    if terms and filters.sort == "pertinence":
        found = _ranked(entries, filters, match, start, start + per_page, capped=capped)
    else:
        if terms and capped:  # most texts match: the newest are found walking the dates
            entries = _match(filtered(filters, walk=True), match, walk=True)
        found = _newest(entries, start, start + per_page, few=bool(terms) and not capped)
    wanted = set(query_stems(query))
    partial, partial_total = ([], 0) if page < pages or len(terms) < 2 else \
        _partial(filters, terms[:PARTIAL_TERMS])
    return SearchPage([hit(e, wanted) for e in found], total, page, pages, per_page, query,
                      total_capped=capped, partial=[hit(e, wanted) for e in partial],
                      partial_total=partial_total, suggestion=suggestion(query, terms, total))


def _partial(filters: SearchFilters, terms: list[Term]) -> tuple[list[SearchEntry], int]:
    """Texts holding most of the terms but not all: those missing the fewest first, newest
    first within; and how many there are (up to ``COUNT_CAP``)."""
    found: list[SearchEntry] = []
    total = 0
    for held in range(len(terms) - 1, math.ceil(len(terms) / 2) - 1, -1):
        tier = _match(filtered(filters), expression(terms, at_least=held, below=held + 1))
        count, capped = _count(tier)
        total += count
        if len(found) < PARTIAL_LIMIT and count:
            if capped:
                tier = _match(filtered(filters, walk=True), expression(terms, at_least=held,
                                                            below=held + 1), walk=True)
            found += _newest(tier, 0, PARTIAL_LIMIT - len(found), few=not capped)
        if total >= COUNT_CAP:
            break
    return found, min(total, COUNT_CAP)


def hit(entry: SearchEntry, wanted: set[str]) -> SearchHit:
    text, marks = snippet(entry.text, wanted)
    return SearchHit(
        uid=entry.uid, title=entry.title, date_publi=entry.date_publi, theme=entry.theme,
        snippet=text, theme_label=theme_label(entry.theme) if entry.theme else "",
        short_title=entry.short_title, nature=entry.nature, rubric=entry.rubric,
        retained=entry.retained, urgent=entry.urgent, status=entry.status,
        url=text_path(entry.uid), marks=tuple(marks),
    )
