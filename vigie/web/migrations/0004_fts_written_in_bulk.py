"""SQLite: the full-text rows of the search entries written by the index in one statement.

The triggers of migration 0001 keep the FTS5 table in step row by row: in a trigger, each
row's full-text insert (or delete) is a statement of its own, after which FTS5 writes its
pending terms out, and a chunk of 200 entries took twice the time of the same full-text rows
written in one statement. The insert and delete triggers now stand aside while the table
``web_search_bulk`` holds a row: the index's writer (``web.search.fts``) puts one there
within its own transaction (no other connection ever sees it), writes the full-text rows
itself, and takes it out before committing. Any other write still goes through the
triggers. PostgreSQL: nothing (its ``tsvector`` column is computed with the row).
"""

from django.db import migrations

_INSERT = ("INSERT INTO web_search_fts(rowid, index_title, index_body) "
           "VALUES (new.id, new.index_title, new.index_body)")
_DELETE = ("INSERT INTO web_search_fts(web_search_fts, rowid, index_title, index_body) "
           "VALUES ('delete', old.id, old.index_title, old.index_body)")
_ASIDE = "WHEN NOT EXISTS (SELECT 1 FROM web_search_bulk) "

SQLITE = [
    "CREATE TABLE web_search_bulk (writing INTEGER NOT NULL)",
    "DROP TRIGGER IF EXISTS web_searchentry_ai",
    "DROP TRIGGER IF EXISTS web_searchentry_ad",
    f"CREATE TRIGGER web_searchentry_ai AFTER INSERT ON web_searchentry {_ASIDE}"
    f"BEGIN {_INSERT}; END",
    f"CREATE TRIGGER web_searchentry_ad AFTER DELETE ON web_searchentry {_ASIDE}"
    f"BEGIN {_DELETE}; END",
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS web_searchentry_ai",
    "DROP TRIGGER IF EXISTS web_searchentry_ad",
    f"CREATE TRIGGER web_searchentry_ai AFTER INSERT ON web_searchentry BEGIN {_INSERT}; END",
    f"CREATE TRIGGER web_searchentry_ad AFTER DELETE ON web_searchentry BEGIN {_DELETE}; END",
    "DROP TABLE IF EXISTS web_search_bulk",
]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0003_search_state"),
    ]

    operations = [
        migrations.RunPython(_run(SQLITE), _run(SQLITE_UNDO)),
    ]
