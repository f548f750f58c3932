"""How long the search takes sorted by relevance, every match scored or only the newest.

For each query (a word in nearly every text, the same with filters, rarer words), the first
page sorted by relevance is asked twice in the same run: scoring every match (as before the
twenty-seventh session on PostgreSQL, the twenty-eighth on SQLite) and scoring only the
``COUNT_CAP`` newest when the words are in more texts than the count goes (``query._ranked``,
``capped``). Printed: the number of matches (capped); the whole search's SQL time the first
time this process asks it (caches of the database warm from the queries before, not from this
one), then the median of ``--repeat``; the SQL time of the ranked page (median of
``--repeat``) and, with ``--explain``, PostgreSQL's ``EXPLAIN ANALYZE`` of the ranked page
(SQLite: its plan). Prints figures only, never asserts. The database is the one
``VIGIE_DATABASE_URL`` names, already filled — with ``--fill N``, an empty one is first
filled with ``N`` texts of ``bench/web_fill.py``'s synthetic year (documents, articles,
decisions and search entries; no editions):

    VIGIE_DATABASE_URL=postgres://…/base python bench/search_rank.py --fill 200000
    VIGIE_DATABASE_URL=postgres://…/base python bench/search_rank.py [--repeat 5] [--explain]
    VIGIE_DATABASE_URL=sqlite:////chemin/base.sqlite3 python bench/search_rank.py --fill 200000
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# (words, filters): common words of the synthetic filler (factory.WORDS) alone and with
# filters (a theme: more than the count goes; a département: under it), a theme word (one
# text in twenty), a commune named in a few texts.
QUERIES = (("commune", {}), ("arrêté", {}), ("police municipale", {}),
           ("commune", {"nature": "ARRETE", "retained_only": True}),
           ("commune", {"theme": "risques"}), ("commune", {"departement": "36"}),
           ("fiscalité", {}), ("Vierzon", {}))


def fill(count: int) -> None:
    import web_fill
    from django.core.management import call_command

    from vigie.web.search import refresh

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    uids = web_fill.insert_texts(count)[0]
    for offset in range(0, len(uids), 10_000):
        refresh(uids[offset:offset + 10_000])
        web_fill.progress(f"index de recherche : {min(offset + 10_000, len(uids))}/{len(uids)}")
    web_fill.analyse_tables()
    print(f"{count} textes écrits en {time.perf_counter() - start:.0f} s")


def sql_time(run) -> tuple[float, list[str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        run()
    return (sum(float(q["time"]) for q in queries.captured_queries),
            [q["sql"] for q in queries.captured_queries])


def measure(words: str, filters: dict, repeat: int, explain: bool) -> None:
    from vigie.web.search import SearchFilters
    from vigie.web.search import query as q
    from vigie.web.search.text import query_terms

    chosen = SearchFilters(sort="pertinence", **filters)
    match = q.expression(query_terms(words))
    entries = q._match(q.filtered(chosen), match)
    first = sql_time(lambda: q.run_search(words, filters=chosen, page=1, per_page=20))[0]
    total, capped = q._count(entries)
    label = f"« {words} » {filters or ''}".strip()
    print(f"{label} : {'plus de ' if capped else ''}{total} textes")
    whole = [sql_time(lambda: q.run_search(words, filters=chosen, page=1, per_page=20))[0]
             for _ in range(repeat)]
    print(f"  recherche entière (ce code) : première {first * 1000:7.1f} ms, redemandée "
          f"{statistics.median(whole) * 1000:7.1f} ms de SQL")
    ways = [("tous notés", False)] + ([("récents notés", True)] if capped else [])
    for name, bounded in ways:
        page = [sql_time(lambda b=bounded: q._ranked(entries, chosen, match, 0, 20, capped=b))
                for _ in range(repeat)]
        print(f"  {name:14} page classée {statistics.median(t for t, _ in page) * 1000:7.1f} ms "
              "de SQL")
        if explain:
            explained(page[0][1])


def explained(queries: list[str]) -> None:
    """PostgreSQL's ``EXPLAIN ANALYZE`` of the ranked page, SQLite's query plan."""
    from django.db import connection

    score = "ts_rank_cd" if connection.vendor == "postgresql" else "bm25"
    ranked = next(sql for sql in queries if score in sql)
    how = "EXPLAIN (ANALYZE, BUFFERS)" if connection.vendor == "postgresql" else \
        "EXPLAIN QUERY PLAN"
    with connection.cursor() as cursor:
        cursor.execute(f"{how} {ranked}")
        print("    " + "\n    ".join(str(row[-1]) for row in cursor.fetchall()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", type=int, default=0, help="remplir d'abord une base vide")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--explain", action="store_true",
                        help="EXPLAIN ANALYZE (PostgreSQL), plan de la requête (SQLite)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
    import django

    django.setup()
    from django.db import connection

    if args.fill:
        fill(args.fill)
    print(f"{connection.vendor}, charge {os.getloadavg()[0]:.1f}")
    for words, filters in QUERIES:
        measure(words, filters, args.repeat, args.explain)


if __name__ == "__main__":
    main()
