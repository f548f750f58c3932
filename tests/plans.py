"""How the database would read a query (``EXPLAIN``), for tests that a page reads through an
index rather than a whole table — the test tables being small, either would be fast."""

from __future__ import annotations

from django.db import connection


def plan(sql: str) -> str:
    """The plan of ``sql`` as one line; PostgreSQL told to avoid reading whole tables whenever
    an index can answer (on tables this small, it would read them for anything)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}")
            found = " ".join(row[0] for row in cursor.fetchall())
            cursor.execute("SET LOCAL enable_seqscan = on")
            return found
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return " ".join(str(row[-1]) for row in cursor.fetchall())
