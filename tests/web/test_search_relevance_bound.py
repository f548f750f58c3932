"""Sorted by relevance, a word in more texts than the count goes is ranked among its newest.

Scoring every match of a word in most of 200 000 texts took 1 to 2 s on both databases:
PostgreSQL reads each match's stored vector (out of line for a long text), SQLite computes
bm25 for each FTS5 match and reads its row. When the count stops (``query.COUNT_CAP``, lowered
here), only the ``COUNT_CAP`` newest matches are ranked, and every page comes from them; fewer
matches are all ranked, as before. The same rule on both databases (``query._candidates``).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.plans import plan
from vigie.demo.factory import FakeText, texte_xml
from vigie.web.search import SearchFilters, search

# Six texts on the « balayage » of the streets, one a month. The oldest says it in its title
# and all along: the best match of all. April's has it in its title: the best of the newest.
UIDS = {month: f"JORFTEXT0000993000{month:02d}" for month in range(1, 7)}
TITLES = {1: "Arrêté relatif au balayage des voies communales",
          4: "Arrêté portant règlement du balayage"}
BODIES = {1: ("Le balayage est quotidien. Le balayage des trottoirs incombe à la commune. "
              "Le balayage mécanique est autorisé.",)}
BEST_FIRST = "pertinence"


@pytest.fixture
def texts(vigie, tmp_path):
    folder = tmp_path / "livraison"
    folder.mkdir()
    for month, uid in UIDS.items():
        fake = FakeText(
            uid=uid, title=TITLES.get(month, f"Arrêté portant mesures de voirie n° {month}"),
            nor=f"INTC26{month:05d}A", date_publi=f"2026-{month:02d}-15",
            date_texte=f"2026-{month:02d}-12",
            articles=BODIES.get(month, ("Les voies sont entretenues, balayage compris.",)))
        (folder / f"{uid}.xml").write_bytes(texte_xml(fake))
    code, _, err = vigie("ingest", folder)
    assert code == 0, err


def _ranked(per_page: int = 10, page: int = 1) -> list[str]:
    found = search("balayage", filters=SearchFilters(sort=BEST_FIRST), page=page,
                   per_page=per_page)
    return [hit.uid for hit in found.results]


def test_fewer_matches_than_the_count_goes_are_all_ranked(texts):
    """Six matches, the count going to 1 000: the oldest text, which says it most and in its
    title, comes first, then April's (its title); on both databases."""
    assert _ranked()[:2] == [UIDS[1], UIDS[4]]
    assert sorted(_ranked()) == sorted(UIDS.values())


def test_a_common_word_is_ranked_among_its_newest_matches(texts, monkeypatch):
    """The count stopped at 3: the three newest matches (April to June), the best of them
    first (April, its title), then the newest; the oldest and best of all is not among them.
    Every page comes from these three: none twice, none missing. On both databases."""
    from vigie.web.search import query

    monkeypatch.setattr(query, "COUNT_CAP", 3)
    found = search("balayage", filters=SearchFilters(sort=BEST_FIRST), per_page=2)
    assert (found.total, found.total_capped, found.pages) == (3, True, 2)
    assert _ranked() == [UIDS[4], UIDS[6], UIDS[5]]
    assert _ranked(per_page=2) + _ranked(per_page=2, page=2) == [UIDS[4], UIDS[6], UIDS[5]]


def test_the_bounded_ranking_scores_the_candidates_only(texts, monkeypatch):
    """PostgreSQL: the ranked page of a common word sorts by score only the candidates, taken
    newest first up to the count's cap (a ``Limit`` under the sort by score), found once.
    Which index finds them is the planner's choice (at 200 000 texts, for a word in most of
    them, the date index: ``bench/search_rank.py --explain``); on a table this small, any."""
    if connection.vendor != "postgresql":
        pytest.skip("plan de requête propre à PostgreSQL")
    from vigie.web.search import query

    monkeypatch.setattr(query, "COUNT_CAP", 3)
    with CaptureQueriesContext(connection) as queries:
        assert _ranked()
    ranked = [q["sql"] for q in queries.captured_queries if "ts_rank_cd" in q["sql"]]
    assert len(ranked) == 1
    read = plan(ranked[0])
    assert read.count("Limit") == 2, read  # the page's, and the candidates'
    assert "SubPlan" not in read, read  # the candidates found once, not again for each row


@pytest.mark.parametrize(("cap", "filters"), [(3, {}), (1000, {"nature": "ARRETE"})],
                         ids=["mot fréquent", "filtre"])
def test_sqlite_scores_the_kept_matches_only(texts, monkeypatch, cap, filters):
    """SQLite: the identifiers kept — the ``COUNT_CAP`` newest matches (capped), or those of
    the filters — are tested on each match as FTS5 gives it, before its row is read and its
    score computed (a common word: 1.6 s → 0.04 s at 200 000 texts; with a département,
    0.44 → 0.03 s); the candidates are found along the date index; and the list is not handed
    to FTS5 (``0:=M``), which would run the MATCH again for each identifier."""
    if connection.vendor != "sqlite":
        pytest.skip("plan de requête propre à SQLite")
    from vigie.web.search import query

    monkeypatch.setattr(query, "COUNT_CAP", cap)
    with CaptureQueriesContext(connection) as queries:
        found = search("balayage", filters=SearchFilters(sort=BEST_FIRST, **filters))
    assert found.results and found.total_capped == (cap == 3)
    ranked = [q["sql"] for q in queries.captured_queries if "bm25" in q["sql"]]
    assert len(ranked) == 1
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {ranked[0]}")
        steps = [(parent, detail) for _, parent, _, detail in cursor.fetchall()]
    outer = [detail for parent, detail in steps if parent == 0]
    read = next(n for n, d in enumerate(outer) if d.startswith("SEARCH web_searchentry"))
    kept = next(n for n, d in enumerate(outer) if d.startswith("LIST SUBQUERY"))
    assert kept < read, outer  # the list tested before the row is read
    assert not any("0:=M" in detail for _, detail in steps), steps
    if cap == 3:
        plan = " ".join(detail for _, detail in steps)
        assert "COVERING INDEX web_searchentry_date_filters" in plan, plan
