"""Answering a search: filters with the ORM, words with the database's full-text engine.

Counting, paging and ordering happen in SQL on both databases; only the word match differs,
in ``_match``, and the relevance order, in ``_ranked`` (computed only when asked for).
Counting stops at ``COUNT_CAP`` (``SearchPage.total_capped``). Snippets are cut in Python from
the stored text.
"""

from __future__ import annotations

import math

from django.db import connection
from django.db.models import BooleanField, F, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL

from vigie.reference.taxonomy import theme_label
from vigie.web.addresses import text_path
from vigie.web.models import SearchEntry
from vigie.web.search import SearchFilters, SearchHit, SearchPage
from vigie.web.search.text import folded_words, query_stems, snippet

SQLITE_MATCH = "SELECT rowid FROM web_search_fts WHERE web_search_fts MATCH %s"
# bm25: lower is better; the title counts four times as much as the body. Computed in one
# pass over the FTS5 matches (a correlated subquery would run the MATCH again for each row).
SQLITE_RANKED = ("SELECT m.rowid FROM (SELECT rowid, bm25(web_search_fts, 4.0, 1.0) AS score "
                 "FROM web_search_fts WHERE web_search_fts MATCH %s) AS m "
                 "JOIN web_searchentry ON web_searchentry.id = m.rowid{where} "
                 "ORDER BY m.score, web_searchentry.date_publi DESC NULLS LAST, "
                 "web_searchentry.uid LIMIT %s OFFSET %s")
PG_MATCH = "web_searchentry.search_vector @@ plainto_tsquery('french'::regconfig, %s)"
PG_SCORE = "ts_rank_cd(web_searchentry.search_vector, plainto_tsquery('french'::regconfig, %s))"
# Counting stops here: a very common word would otherwise be counted over the whole index.
COUNT_CAP = 1000


def filtered(filters: SearchFilters) -> QuerySet[SearchEntry]:
    conditions = Q()
    for value, field in ((filters.theme, "themes"), (filters.role, "roles"),
                         (filters.departement, "departements")):
        if value:
            conditions &= Q(**{f"{field}__contains": f" {value} "})
    if filters.rubric:
        conditions &= Q(rubric=filters.rubric)
    if filters.nature:
        conditions &= Q(nature=filters.nature)
    if filters.date_from:
        conditions &= Q(date_publi__gte=filters.date_from)
    if filters.date_to:
        conditions &= Q(date_publi__lte=filters.date_to)
    if filters.retained_only:
        conditions &= Q(retained=True)
    return SearchEntry.objects.filter(conditions)


def _match(entries: QuerySet[SearchEntry], query: str, stems: list[str]) -> QuerySet:
    """Entries holding every word of the query (no score: see ``_ranked``)."""
    if connection.vendor == "postgresql":
        return entries.filter(RawSQL(PG_MATCH, [folded_words(query)],
                                     output_field=BooleanField()))
    return entries.filter(id__in=RawSQL(SQLITE_MATCH, [_fts_expression(stems)]))


def _fts_expression(stems: list[str]) -> str:
    """FTS5 query: every stem as a quoted term (implicit AND); stems are letters and digits."""
    return " ".join(f'"{s}"' for s in stems)


def _by_date(entries: QuerySet) -> QuerySet:
    """Newest first, then by identifier: the database walks its date index and stops early."""
    return entries.order_by(F("date_publi").desc(nulls_last=True), "uid")


def _ranked(matching: QuerySet[SearchEntry], filters: SearchFilters, query: str,
            stems: list[str], start: int, stop: int) -> list[SearchEntry]:
    """One page of the matches, best first (then newest, then by identifier)."""
    if connection.vendor == "postgresql":
        scored = matching.annotate(score=RawSQL(PG_SCORE, [folded_words(query)],
                                                output_field=FloatField()))
        return list(scored.order_by("-score", F("date_publi").desc(nulls_last=True),
                                    "uid")[start:stop])
    where, params = "", []
    narrowed = filtered(filters)
    if narrowed.query.where:  # filters: keep the rows they keep
        sql, params = narrowed.values("id").query.sql_with_params()
        where = f" WHERE web_searchentry.id IN ({sql})"
    with connection.cursor() as cursor:
        cursor.execute(SQLITE_RANKED.format(where=where),
                       [_fts_expression(stems), *params, stop - start, start])
        ids = [row[0] for row in cursor.fetchall()]
    found = SearchEntry.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]


def _count(entries: QuerySet) -> tuple[int, bool]:
    """How many entries, counting no further than ``COUNT_CAP``; True when capped."""
    seen = entries.order_by().values("id")[:COUNT_CAP + 1].count()
    return min(seen, COUNT_CAP), seen > COUNT_CAP


def run_search(query: str, *, filters: SearchFilters, page: int, per_page: int) -> SearchPage:
    per_page = max(1, per_page)
    stems = query_stems(query)
    if query.strip() and not stems:  # only stop words or punctuation: nothing to look for
        return SearchPage([], 0, 1, 1, per_page, query)
    entries = filtered(filters)
    if stems:
        entries = _match(entries, query, stems)
    total, capped = _count(entries)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    start = (page - 1) * per_page
    if stems and filters.sort == "pertinence":
        found = _ranked(entries, filters, query, stems, start, start + per_page)
    else:
        found = list(_by_date(entries)[start:start + per_page])
    wanted = set(stems)
    return SearchPage([hit(e, wanted) for e in found], total, page, pages, per_page, query,
                      total_capped=capped)


def hit(entry: SearchEntry, wanted: set[str]) -> SearchHit:
    text, marks = snippet(entry.text, wanted)
    return SearchHit(
        uid=entry.uid, title=entry.title, date_publi=entry.date_publi, theme=entry.theme,
        snippet=text, theme_label=theme_label(entry.theme) if entry.theme else "",
        short_title=entry.short_title, nature=entry.nature, rubric=entry.rubric,
        retained=entry.retained, urgent=entry.urgent, status=entry.status,
        url=text_path(entry.uid), marks=tuple(marks),
    )
