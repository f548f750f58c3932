"""The databases of ``bench/web.py``: a fresh SQLite file, or on PostgreSQL a schema
``bench_web`` made and dropped again in the database given (on a shared server the benchmark
touches nothing else); how many documents a kept one holds.
"""

from __future__ import annotations

from pathlib import Path


def fresh_database(url: str) -> None:
    if url.startswith("sqlite"):
        for extra in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + extra).unlink(missing_ok=True)
    else:
        postgres(url.split("?")[0], "DROP", "CREATE")


SCHEMA = "bench_web"  # the benchmark's tables, in a schema of the database it is given


def schema_url(url: str) -> str:
    """The address of the benchmark's schema in ``url``'s database (search_path)."""
    from urllib.parse import quote

    return f"{url}?options={quote(f'-c search_path={SCHEMA}')}"


def _connect(url: str, **options):
    """A psycopg connection to ``url``'s database (its query string left aside)."""
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(f"host={parts.hostname} port={parts.port or 5432} "
                           f"dbname={parts.path.lstrip('/')} user={parts.username or 'postgres'}",
                           connect_timeout=5, **options)


def postgres(url: str, *actions: str) -> bool:
    """DROP and/or CREATE the benchmark's schema in the database given (none: is the server
    there?) — on a shared server the benchmark touches only that database; False, with a
    message, when PostgreSQL does not answer."""
    try:
        with _connect(url, autocommit=True) as conn:
            for action in actions:
                extra = " IF EXISTS" if action == "DROP" else ""
                cascade = " CASCADE" if action == "DROP" else ""
                conn.execute(f'{action} SCHEMA{extra} "{SCHEMA}"{cascade}')
    except Exception as error:  # the benchmark still reports SQLite
        print(f"PostgreSQL injoignable ({error}) : seule la mesure SQLite est faite.")
        return False
    return True


def vacuum(url: str) -> None:
    """PostgreSQL: VACUUM ANALYZE the database, as autovacuum keeps it on a server that has
    been running (some test servers run without it). Without it, rows written by the fill
    are never marked all-visible, and the small queries answered from an index alone (the
    version of a kept edition page) read every row again."""
    if not url.startswith("sqlite"):
        with _connect(url, autocommit=True) as conn:
            conn.execute("VACUUM (ANALYZE)")


def documents_in(url: str) -> int:
    """How many documents a kept database holds (-1: none there)."""
    import sqlite3

    count = "SELECT count(*) FROM documents_document"
    try:
        if url.startswith("sqlite"):
            with sqlite3.connect(f"file:{url.removeprefix('sqlite:///')}?mode=ro", uri=True) as db:
                return db.execute(count).fetchone()[0]
        with _connect(url, options=f"-c search_path={SCHEMA}") as db:
            return db.execute(count).fetchone()[0]
    except Exception:
        return -1
