"""The lookups each batch of an ingest makes (``anyof.Compiled``): compiled once, then sent
with each batch's ids, they give the rows the ORM's query gives (dates and JSON converted as
it converts them, a section's items say, in the same order), on the fixture deliveries; and
a batch builds no ORM query for them any more."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import QuerySet

from tests.conftest import FIXTURES
from vigie.documents import assembly, stored
from vigie.documents.anyof import Compiled
from vigie.documents.ingest import ingest_path
from vigie.documents.models import Article, Document, Section

pytestmark = pytest.mark.django_db

FIRST = FIXTURES / "global" / "JORF_20260923-011003"
SECOND = FIXTURES / "global" / "JORF_20260923-204512"
QUERIES = {
    "stored_texts": stored._texts,
    "snapshots": assembly._SNAPSHOTS.build,
    "snapshot_articles": assembly._SNAPSHOT_ARTICLES.build,
    "assembled": assembly._ASSEMBLED.build,
    "placed": assembly._PLACED.build,
    "articles": stored._ARTICLES.build,
    "sections_of": stored._SECTIONS_OF.build,
    "sections": stored._SECTIONS.build,
}


def _ids() -> dict[str, dict[str, None]]:
    uids = dict.fromkeys([*Document.objects.values_list("uid", flat=True), "JORFTEXT999"])
    articles = dict.fromkeys([*Article.objects.values_list("article_id", flat=True), "X"])
    sections = dict.fromkeys([*Section.objects.values_list("section_id", flat=True), "X"])
    return {"uids": uids, "articles": articles, "sections": sections}


def test_compiled_rows_are_the_orm_rows():
    ingest_path(FIRST)
    ingest_path(SECOND)
    ids = _ids()
    for name, build in QUERIES.items():
        wanted = ids.get(name, ids["uids"])
        compiled = Compiled(build)
        for _ in range(2):  # compiled, then sent again
            rows = [tuple(row) for row in compiled.rows(wanted)]
            assert rows and rows == list(build(wanted)), name
        assert compiled.rows({}) == [] and compiled.rows(["nothing"]) == []
    at = stored._TEXT_COLUMNS.index("date_publi")  # (SQLite gives a text: converted)
    dates = [row[at] for row in Compiled(stored._texts).rows(ids["uids"])]
    assert any(isinstance(day, date) for day in dates)


def test_a_batch_builds_no_query(monkeypatch):
    ingest_path(FIRST)
    ids = _ids()

    def lookups() -> None:
        stored.stored_texts(ids["uids"])
        stored.stored_articles(ids["articles"])
        assembly.snapshots_for(set(ids["uids"]))
        assembly.load(list(ids["uids"]))
        assembly.read_texts(list(ids["uids"]), set(ids["uids"]), [])
        stored.stored_sections(ids["sections"])

    lookups()  # (compiled, if no test did before)
    built = []
    original = QuerySet.filter
    monkeypatch.setattr(QuerySet, "filter",
                        lambda self, *a, **k: built.append(k) or original(self, *a, **k))
    lookups()
    assert built == []
