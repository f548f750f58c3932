"""Search: one contract on SQLite (FTS5 + Python stems) and PostgreSQL (``french``).

The expected results below are written once and checked on whichever database the suite runs
on; CI runs it on both, which proves that the same queries give the same results.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vigie.documents.models import Document
from vigie.web.models import SearchEntry
from vigie.web.search import (
    SORTS,
    SearchFilters,
    SearchPage,
    refresh,
    refresh_missing,
    search,
)
from vigie.web.search.text import (
    STOP_WORDS,
    fold,
    index_words,
    query_stems,
    snippet,
    stems,
    words,
)

pytestmark = pytest.mark.django_db

LOI_EAU, LISTES, CATNAT, ARMEMENT, ELUS = (f"JORFTEXT0000990000{n:02d}" for n in (2, 3, 4, 5, 6))
IFSE, DOTATION, URBANISME, PREFET, SOUS_PREFETE = (
    f"JORFTEXT0000990000{n:02d}" for n in (7, 8, 9, 10, 11))
IGF, MEUNERIE, QPC, ORDRE_DU_JOUR, PHARMA = (f"JORFTEXT0000990000{n:02d}" for n in range(12, 17))
EVERY = {LOI_EAU, LISTES, CATNAT, ARMEMENT, ELUS, IFSE, DOTATION, URBANISME, PREFET,
         SOUS_PREFETE, IGF, MEUNERIE, QPC, ORDRE_DU_JOUR, PHARMA}


def uids(page: SearchPage) -> list[str]:
    return [hit.uid for hit in page.results]


def found(query: str, **filters) -> set[str]:
    page = search(query, filters=SearchFilters(**filters), page=1, per_page=100)
    assert page.total == len(page.results)
    return set(uids(page))


# --- Words: pure functions --------------------------------------------------------------------

def test_folding_removes_accents_case_and_ligatures():
    assert fold("Élus de l'ŒUVRE à Épinal") == "elus de l'oeuvre a epinal"


def test_inflections_share_a_stem_and_stop_words_are_dropped():
    assert query_stems("élection") == query_stems("ELECTIONS") == query_stems("elections")
    assert query_stems("élus") == query_stems("elus")
    assert stems("les élus de la commune") == ["le", *query_stems("élus"), "commun"]
    assert query_stems("le de la") == []


def test_the_snippet_marks_the_matched_words_around_the_first_match():
    text = ("Préambule sans intérêt. " * 20) + "Les élus locaux bénéficient du remboursement."
    shown, marks = snippet(text, set(query_stems("elus")))
    assert shown.startswith("… ") and "élus locaux" in shown
    assert [shown[a:b] for a, b in marks] == ["élus"]
    shown, marks = snippet("Texte court.", {"absent"})
    assert (shown, marks) == ("Texte court.", [])


# --- Same queries, same results, on both databases ----------------------------------------------

EXPECTED = {
    "elus": {ELUS},
    "élus": {ELUS},
    "ÉLUS": {ELUS},
    "élection": {LISTES},  # DILA keyword « ELECTION »
    "elections": {LISTES},
    "catastrophe naturelle": {CATNAT},
    "Catastrophes naturelles": {CATNAT},
    "préfet Indre": {PREFET},
    "prefete": {SOUS_PREFETE, PREFET},  # « préfète » and « préfet » share their stem
    "assainissement": {LOI_EAU},
    "meunerie": {MEUNERIE},  # not retained: search covers every stored text
    "armement": {ARMEMENT},  # known from the sommaire only: its title is indexed
    "INTE2628031A": {CATNAT},  # a NOR
    "2026-1014": {ELUS},  # a decree number
    "ingénieurs territoriaux": {IFSE},
    "le de la": set(),  # stop words only
    "zzzintrouvable": set(),
}


@pytest.mark.parametrize("query", list(EXPECTED))
def test_same_query_same_results(ingested_demo, query):
    assert found(query) == EXPECTED[query]


def test_accents_and_case_never_change_the_results(ingested_demo):
    for pair in (("élus", "elus"), ("Communes", "communes"), ("urbanisme", "URBANISME"),
                 ("préfète", "prefete")):
        assert uids(search(pair[0])) == uids(search(pair[1])), pair


def test_every_word_must_match(ingested_demo):
    assert CATNAT in found("communes")
    assert found("communes catastrophe") == {CATNAT}
    assert found("communes meunerie") == set()


def test_an_empty_query_lists_every_text_newest_first_then_by_identifier(ingested_demo):
    page = search("", filters=SearchFilters(), page=1, per_page=100)
    assert page.total == 15 and set(uids(page)) == EVERY
    assert uids(page) == sorted(uids(page))  # one day: identifier order breaks the tie


# --- Filters ----------------------------------------------------------------------------------

def test_filters_narrow_the_results(ingested_demo):
    assert found("", theme="risques") == {CATNAT}
    assert found("communes", theme="urbanisme") == {URBANISME}
    assert found("", role="rh") == {IFSE}
    assert found("", departement="36") == {CATNAT, PREFET}
    assert found("", departement="18") == {CATNAT, SOUS_PREFETE}
    assert found("", nature="LOI") == {LOI_EAU}
    assert found("", rubric="jo") == EVERY
    assert found("", rubric="europe") == set()
    assert found("", retained_only=True) == EVERY - {ARMEMENT, IGF, MEUNERIE, ORDRE_DU_JOUR,
                                                      PHARMA}
    assert found("nomination", retained_only=True) == {PREFET, SOUS_PREFETE}


def test_dates_are_inclusive(ingested_demo):
    day = date(2026, 10, 14)
    assert found("", date_from=day, date_to=day) == EVERY
    assert found("", date_from=date(2026, 10, 15)) == set()
    assert found("", date_to=date(2026, 10, 13)) == set()


def test_secondary_themes_count_for_the_theme_filter(ingested_demo):
    entry = SearchEntry.objects.get(uid=CATNAT)
    entry.themes = " risques finances "
    entry.save()
    assert CATNAT in found("", theme="finances")


# --- Paging and order ---------------------------------------------------------------------------

def test_pages_cover_every_result_once(ingested_demo):
    pages = [search("", filters=SearchFilters(), page=n, per_page=4) for n in (1, 2, 3, 4)]
    assert [(p.page, p.pages, p.total) for p in pages] == [(n, 4, 15) for n in (1, 2, 3, 4)]
    assert [len(p.results) for p in pages] == [4, 4, 4, 3]
    seen = [uid for p in pages for uid in uids(p)]
    assert len(seen) == len(set(seen)) == 15
    assert search("", page=99, per_page=4).page == 4  # past the end: the last page
    assert search("", page=0, per_page=4).page == 1


def test_no_result_is_one_empty_page():
    page = search("introuvable")
    assert (page.results, page.total, page.page, page.pages) == ([], 0, 1, 1)


def test_relevance_changes_the_order_never_the_results(ingested_demo):
    # Scores differ between engines (bm25, ts_rank_cd): only the order may differ.
    for query in ("communes", "préfet", "catastrophe naturelle"):
        by_date = search(query, page=1, per_page=100)
        by_score = search(query, filters=SearchFilters(sort="pertinence"), page=1, per_page=100)
        assert by_score.total == by_date.total
        assert sorted(uids(by_score)) == sorted(uids(by_date))


def test_a_hit_carries_what_a_result_list_shows(ingested_demo):
    hit = search("catastrophe").results[0]
    assert hit.uid == CATNAT and hit.url == f"/texte/{CATNAT}/"
    assert hit.date_publi == date(2026, 10, 14)
    assert hit.theme == "risques" and hit.theme_label.startswith("Risques")
    assert hit.nature == "ARRETE" and hit.retained and hit.urgent
    assert "catastrophe" in hit.snippet.lower()
    assert all(hit.snippet[a:b].lower().startswith("catastroph") for a, b in hit.marks)


# --- Keeping the index in step ------------------------------------------------------------------

def test_refresh_follows_a_changed_text(ingested_demo):
    doc = Document.objects.get(uid=MEUNERIE)
    doc.title = "Arrêté relatif aux boulangeries artisanales"
    doc.save()
    assert found("boulangeries") == set()
    assert refresh([MEUNERIE]) == 1
    assert found("boulangerie") == {MEUNERIE}
    assert SearchEntry.objects.count() == 15


def test_a_deleted_text_leaves_the_index(ingested_demo):
    Document.objects.filter(uid=CATNAT).delete()
    assert found("catastrophe") == set()
    assert refresh([CATNAT]) == 0
    assert found("communes") == {LOI_EAU, ELUS, URBANISME, LISTES}


def test_refresh_missing_indexes_what_was_stored_before_the_index(ingested_demo):
    SearchEntry.objects.filter(uid__in=[CATNAT, ELUS]).delete()
    assert found("catastrophe") == set()
    assert refresh_missing() == 2
    assert found("catastrophe") == {CATNAT} and found("élus") == {ELUS}
    assert refresh_missing() == 0


def test_the_pipeline_indexes_what_it_analysed(ingested_demo):
    from vigie.pipeline import PipelineReport, follow

    SearchEntry.objects.all().delete()
    follow(PipelineReport(), {ELUS, CATNAT})
    assert set(SearchEntry.objects.values_list("uid", flat=True)) == {ELUS, CATNAT}
    assert found("élus") == {ELUS}


# --- Speed without changing the answers ---------------------------------------------------------

def test_fast_folding_matches_the_character_by_character_definition():
    import unicodedata

    def reference(text: str) -> str:
        text = text.lower().translate(str.maketrans(
            {"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "ʼ": "'"}))
        return "".join(c for c in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(c))

    for text in ("Élus d’ŒUVRE, « Préfète » ñ ǅ ﬁ ẞ", "plain ascii", "𝔸 a\U0001e944 ẹ̄",
                 "".join(chr(n) for n in range(0x20, 0x3000))):
        assert fold(text) == reference(text)


def test_fast_words_match_the_regular_expression():
    every = "".join(chr(n) for n in range(0x3000))
    for text in (every, every[:0x80], "Élus d’ŒUVRE, a_b ½ ² ℌ Ⅻ ㎡ ﬁn x\u034fy 𝔸", "plain ascii"):
        assert words(text) == re.findall(r"[^\W_]+", fold(text))
        assert index_words(text) == [w for w in words(text) if w not in STOP_WORDS]


def test_the_count_stops_at_the_cap(ingested_demo, monkeypatch):
    from vigie.web.search import query

    monkeypatch.setattr(query, "COUNT_CAP", 4)
    page = search("", filters=SearchFilters(), page=1, per_page=3)
    assert (page.total, page.total_capped, page.pages) == (4, True, 2)
    assert search("", page=9, per_page=3).page == 2
    exact = search("catastrophe")
    assert (exact.total, exact.total_capped) == (1, False)


def test_relevance_with_filters_gives_the_filtered_matches(ingested_demo):
    for filters in ({"retained_only": True}, {"departement": "36"}, {"theme": "urbanisme"}):
        by_date = search("communes", filters=SearchFilters(**filters), per_page=100)
        by_score = search("communes", filters=SearchFilters(sort="pertinence", **filters),
                          per_page=100)
        assert sorted(uids(by_score)) == sorted(uids(by_date))
        assert by_score.total == by_date.total
    paged = [search("communes", filters=SearchFilters(sort="pertinence"), page=n, per_page=2)
             for n in (1, 2, 3)]
    seen = [uid for p in paged for uid in uids(p)]
    assert len(seen) == len(set(seen)) == paged[0].total


@pytest.mark.parametrize("sort", SORTS)
def test_a_page_of_results_reads_no_indexed_copy(ingested_demo, sort):
    """What the engine indexes (``index_title``, ``index_body``: stems as long as the text
    itself, annexes included) is never shown: best first as newest first, a page of results
    reads neither (the ranked page read both, for each of up to 100 results)."""
    with CaptureQueriesContext(connection) as queries:
        page = search("communes", filters=SearchFilters(sort=sort), per_page=100)
    assert page.results
    read = [q["sql"] for q in queries.captured_queries
            if '"index_title"' in q["sql"] or '"index_body"' in q["sql"]]
    assert read == []


@pytest.mark.parametrize("filters", [{"departement": "36"}, {"theme": "risques"},
                                     {"role": "elus", "retained_only": True}])
def test_filters_alone_leave_the_planner_free(ingested_demo, filters):
    """Words are counted from the full-text index, PostgreSQL told not to scan the table.
    Filters alone have no index to answer: told so, the planner still had to scan, costed
    at 10¹⁰, and compiled the query for it (JIT) — a tenth of a second for a 5 ms count."""
    with CaptureQueriesContext(connection) as queries:
        page = search("", filters=SearchFilters(**filters))
    assert page.results
    assert [q["sql"] for q in queries.captured_queries if "enable_seqscan" in q["sql"]] == []
