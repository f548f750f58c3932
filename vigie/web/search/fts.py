"""Replacing search entries with their full-text rows (SQLite: written in one statement).

On SQLite the FTS5 table follows the entries through triggers, row by row, and a trigger
makes each row's full-text write a statement of its own, after which FTS5 writes its pending
terms out: writing 200 entries took twice as long as writing their full-text rows at once.
Here the entries of a chunk are replaced with the triggers set aside (migration 0004: a row
in ``web_search_bulk``, within this transaction only) and their full-text rows written by
one statement each way, from the stored rows themselves, so they index exactly what the
triggers would have. PostgreSQL computes its ``tsvector`` with the row: plain writes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction

from vigie.documents.bulk import insert_rows
from vigie.web.models import SearchEntry

FLAG = "web_search_bulk"
_ROWS = "FROM web_searchentry WHERE uid IN (SELECT value FROM json_each(%s))"
_DELETE = ("INSERT INTO web_search_fts(web_search_fts, rowid, index_title, index_body) "
           f"SELECT 'delete', id, index_title, index_body {_ROWS}")
_INSERT = ("INSERT INTO web_search_fts(rowid, index_title, index_body) "
           f"SELECT id, index_title, index_body {_ROWS}")
# The entries themselves (no row refers to an entry, no signal listens): the ORM's ``delete``
# built and ran a query to collect them first, a millisecond a chunk for none at all.
_DELETE_ENTRIES = f"DELETE {_ROWS}"


def replace(uids: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    """Delete the entries of ``uids`` (those there), then insert ``rows`` (plain values of
    ``SearchEntry``), in one transaction (the caller's, when it has one)."""
    if connection.vendor != "sqlite":
        _replace(uids, rows)
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FLAG} (writing) VALUES (1)")
        try:
            if uids:
                listed = [json.dumps(list(uids))]
                cursor.execute(_DELETE, listed)
                cursor.execute(_DELETE_ENTRIES, listed)
            insert_rows(SearchEntry, rows)  # plain values: no model instance to build
            if rows:
                cursor.execute(_INSERT, [json.dumps([row["uid"] for row in rows])])
        finally:  # never committed: the triggers stand aside for this writer only
            cursor.execute(f"DELETE FROM {FLAG}")


def _replace(uids: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    if uids:
        SearchEntry.objects.filter(uid__anyof=dict.fromkeys(uids)).delete()
    insert_rows(SearchEntry, rows)  # plain values: no model instance to build
