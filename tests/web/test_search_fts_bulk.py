"""SQLite: the index writes its entries' full-text rows in one statement, the triggers set
aside (``web.search.fts``, migration 0004); the FTS5 table then holds exactly what the
triggers would have put there, whatever is written, replaced or deleted, and by whom."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from vigie import pipeline
from vigie.commands.demo import sample_deliveries
from vigie.documents.bulk import insert_rows
from vigie.documents.models import Document
from vigie.web.models import SearchEntry
from vigie.web.search import SearchFilters, fts, refresh, search
from vigie.web.search.index import COMPARED

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'sqlite'",
                       reason="SQLite seulement : PostgreSQL calcule son tsvector avec la ligne"),
]


def _fts(sql: str, *params: object) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _in_step() -> None:
    """FTS5's own check of an external-content table against its content, and the flag
    never left behind."""
    _fts("INSERT INTO web_search_fts(web_search_fts, rank) VALUES ('integrity-check', 1)")
    assert _fts(f"SELECT COUNT(*) FROM {fts.FLAG}") == [(0,)]


def _matches() -> dict[str, list[str]]:
    """The entries (uids) each indexed word of the entries matches."""
    words = {w for title, body in SearchEntry.objects.values_list("index_title", "index_body")
             for w in f"{title} {body}".split()}
    return {w: [u for (u,) in _fts(
        "SELECT uid FROM web_searchentry WHERE id IN (SELECT rowid FROM web_search_fts "
        "WHERE web_search_fts MATCH ?) ORDER BY uid", f'"{w}"')] for w in sorted(words)}


def test_bulk_written_entries_index_what_the_triggers_would():
    pipeline.ingest(sample_deliveries())
    assert SearchEntry.objects.count() > 10
    _in_step()
    bulk = _matches()
    assert sum(map(len, bulk.values())) > 1000
    # The same rows written through the triggers alone (no flag): the same index.
    rows = list(SearchEntry.objects.order_by("id").values(*COMPARED))
    SearchEntry.objects.all().delete()  # the delete trigger, row by row
    assert _fts("SELECT COUNT(*) FROM web_search_fts WHERE web_search_fts MATCH ?",
                f'"{next(iter(bulk))}"') == [(0,)]
    insert_rows(SearchEntry, rows)
    _in_step()
    assert _matches() == bulk


def test_replaced_and_deleted_entries_leave_no_stale_words():
    pipeline.ingest(sample_deliveries())
    doc = Document.objects.exclude(title="").order_by("uid").first()
    assert found(doc.uid.lower())
    Document.objects.filter(pk=doc.pk).update(title="Arrêté relatif aux zygomorphes",
                                              nor="ZZZZ2600001A")
    refresh([doc.uid])  # replaced: the old words gone, the new ones found
    _in_step()
    assert found("zygomorphes") == {doc.uid}
    other = Document.objects.exclude(title="").exclude(pk=doc.pk).order_by("uid").first()
    SearchEntry.objects.filter(uid=other.uid).delete()  # another writer: the trigger
    _in_step()
    assert other.uid not in found(other.title.split()[0])


def test_a_failed_write_leaves_neither_rows_nor_the_flag():
    pipeline.ingest(sample_deliveries())
    before = SearchEntry.objects.count()
    bad = [{f: "" for f in COMPARED} | {"uid": "JORFTEXT000000000001", "document_id": -1}]
    with pytest.raises(IntegrityError), transaction.atomic():  # no such document: refused
        fts.replace([], bad)
    assert SearchEntry.objects.count() == before
    _in_step()


def found(query: str) -> set[str]:
    page = search(query, filters=SearchFilters(), page=1, per_page=100)
    return {hit.uid for hit in page.results}



def test_the_migration_goes_back_to_the_triggers_and_forth():
    """Migration 0004 undone: the triggers write every row (no flag table); redone: they
    stand aside for the index's writer."""
    from django.db.migrations.executor import MigrationExecutor

    pipeline.ingest(sample_deliveries())
    indexed, rows = _matches(), list(SearchEntry.objects.values(*COMPARED))
    try:
        before = MigrationExecutor(connection)
        before.migrate([("web", "0003_search_state")])
        assert not _fts("SELECT name FROM sqlite_master WHERE name = ?", fts.FLAG)
        SearchEntry.objects.all().delete()
        # the triggers alone, the rows as 0003 knew them (no index format)
        entry = before.loader.project_state(("web", "0003_search_state")).apps.get_model(
            "web", "SearchEntry")
        insert_rows(entry, rows)
        _fts("INSERT INTO web_search_fts(web_search_fts, rank) VALUES ('integrity-check', 1)")
        assert _matches() == indexed
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes("web"))
    SearchEntry.objects.all().delete()
    refresh(Document.objects.values_list("uid", flat=True))
    _in_step()
    assert _matches() == indexed
