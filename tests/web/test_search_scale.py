"""Search where most texts match: the newest are found without sorting every match.

When a word is in more texts than the count goes (``query.COUNT_CAP``), SQLite walks its
date index and stops at the page, instead of sorting every match with its text (at 200 000
texts, a common word's page took seconds). The cap is lowered here so that the demonstration's
texts play that part: the pages must be those the full sort gives, in the same order.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vigie.web.search import SearchFilters, search

pytestmark = pytest.mark.django_db


def every_page(words: str, filters: SearchFilters, per_page: int) -> list[list[str]]:
    first = search(words, filters=filters, page=1, per_page=per_page)
    return [[hit.uid for hit in search(words, filters=filters, page=n,
                                       per_page=per_page).results]
            for n in range(1, first.pages + 1)]


@pytest.mark.parametrize("filters", [SearchFilters(), SearchFilters(retained_only=True)])
def test_capped_pages_are_those_of_the_full_sort(ingested_demo, monkeypatch, filters):
    from vigie.web.search import query

    whole = search("ministre", filters=filters, per_page=1000)
    assert whole.total >= 6 and not whole.total_capped
    expected = [hit.uid for hit in whole.results]
    monkeypatch.setattr(query, "COUNT_CAP", whole.total - 2)
    capped = every_page("ministre", filters, per_page=3)
    assert search("ministre", filters=filters, per_page=3).total_capped
    seen = [uid for page in capped for uid in page]
    assert len(seen) >= whole.total - 2
    assert seen == expected[:len(seen)]


def test_texts_holding_most_of_the_words_keep_their_order(ingested_demo, monkeypatch):
    """After the last page, the texts holding most of the words: the same, capped or not."""
    from vigie.web.search import query

    words = "ministre zzzinconnu"
    whole = search(words)
    assert whole.partial_total >= 3
    monkeypatch.setattr(query, "COUNT_CAP", 2)
    capped = search(words)
    assert [h.uid for h in capped.partial] == [h.uid for h in whole.partial][:len(capped.partial)]
    assert len(capped.partial) == min(query.PARTIAL_LIMIT, whole.partial_total)


@pytest.mark.parametrize("filters", [{}, {"nature": "ARRETE"}, {"rubric": "jo"}])
def test_a_capped_page_walks_the_dates(ingested_demo, monkeypatch, filters):
    """SQLite: the page of a common word is read along the date index, with no sort of the
    matches (``USE TEMP B-TREE FOR ORDER BY`` in the plan: every match sorted, text and all);
    with a nature or a rubric too, not along that column's own index."""
    if connection.vendor != "sqlite":
        pytest.skip("plan de requête propre à SQLite")
    from vigie.web.search import query

    monkeypatch.setattr(query, "COUNT_CAP", 2)
    with CaptureQueriesContext(connection) as queries:
        assert search("ministre", filters=SearchFilters(**filters), per_page=2).total_capped
    ordered = [q["sql"] for q in queries.captured_queries if "ORDER BY" in q["sql"]]
    assert ordered
    with connection.cursor() as cursor:
        for sql in ordered:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " ".join(row[-1] for row in cursor.fetchall())
            assert "TEMP B-TREE" not in plan, plan
            assert "web_searchentry_date_" in plan, plan


@pytest.mark.parametrize("filters", [{"departement": "36"}, {"theme": "risques"},
                                     {"role": "elus", "retained_only": True}])
def test_filters_are_tested_from_the_date_index(ingested_demo, filters):
    """SQLite: filters alone are counted and paged from the date index, which holds them
    (migration 0006), never by reading each entry's row, text and all."""
    if connection.vendor != "sqlite":
        pytest.skip("plan de requête propre à SQLite")
    with CaptureQueriesContext(connection) as queries:
        assert search("", filters=SearchFilters(**filters)).results
    searched = [q["sql"] for q in queries.captured_queries
                if "FROM \"web_searchentry\"" in q["sql"] and "LIKE" in q["sql"]]
    assert len(searched) == 2  # the count, the page
    with connection.cursor() as cursor:
        for sql in searched:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " ".join(row[-1] for row in cursor.fetchall())
            assert "web_searchentry_date_filters" in plan, plan


def test_a_common_word_with_filters_is_counted_along_the_index(ingested_demo, monkeypatch):
    """SQLite: words in more texts than the count goes, with a filter: the count tests the
    filter in the date index rather than reading each match's row, and finds the same."""
    if connection.vendor != "sqlite":
        pytest.skip("plan de requête propre à SQLite")
    from vigie.web.search import query

    filters = SearchFilters(retained_only=True)
    whole = search("ministre", filters=filters)
    monkeypatch.setattr(query, "COUNT_CAP", 3)
    with CaptureQueriesContext(connection) as queries:
        capped = search("ministre", filters=filters, per_page=2)
    assert (capped.total, capped.total_capped) == (3, True)
    assert [h.uid for h in capped.results] == [h.uid for h in whole.results][:2]
    counted = [q["sql"] for q in queries.captured_queries
               if q["sql"].startswith("SELECT COUNT(*)") and "web_searchentry" in q["sql"]]
    assert counted
    with connection.cursor() as cursor:
        for sql in counted:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " ".join(row[-1] for row in cursor.fetchall())
            assert "COVERING INDEX web_searchentry_date_filters" in plan, plan


def _plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return " ".join(row[-1] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: say what it can
        cursor.execute(f"EXPLAIN {sql}", params)
        return " ".join(row[0] for row in cursor.fetchall())


def test_whether_entries_of_an_older_format_remain_reads_an_index(ingested_demo):
    """Asked after every change of the index, by each server process (format 1), at each run
    of the pipeline and each poll of ``/sante/`` (how many of any older format), and the
    newest of them by each run: never a table scan (migration 0008)."""
    from vigie.web.models import SearchEntry
    from vigie.web.search.upgrade import newest_old, old_format_count

    with CaptureQueriesContext(connection) as asked:
        old_format_count()
        newest_old(5000)
    queries = [SearchEntry.objects.filter(index_version__isnull=True).values("id")[:1]
               .query.sql_with_params(), *((q["sql"], ()) for q in asked.captured_queries)]
    for sql, params in queries:
        plan = _plan(sql, params)
        assert "web_searchentry_format_date" in plan, plan
        assert "SCAN web_searchentry " not in f"{plan} " and "Seq Scan" not in plan, plan
