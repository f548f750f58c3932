"""The search index: its table, then the engine-specific full-text part.

SQLite: an FTS5 table over ``index_title``/``index_body`` (external content), kept in step by
triggers, so that deletes (including cascades and test flushes) never leave stale rows.
PostgreSQL: a stored ``tsvector`` column computed with the ``french`` configuration, and a
GIN index on it. Note for later migrations on SQLite: a table rebuild drops the triggers.
"""

import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    "CREATE VIRTUAL TABLE web_search_fts USING fts5(index_title, index_body, "
    "content='web_searchentry', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER web_searchentry_ai AFTER INSERT ON web_searchentry BEGIN "
    "INSERT INTO web_search_fts(rowid, index_title, index_body) "
    "VALUES (new.id, new.index_title, new.index_body); END",
    "CREATE TRIGGER web_searchentry_ad AFTER DELETE ON web_searchentry BEGIN "
    "INSERT INTO web_search_fts(web_search_fts, rowid, index_title, index_body) "
    "VALUES ('delete', old.id, old.index_title, old.index_body); END",
    "CREATE TRIGGER web_searchentry_au AFTER UPDATE ON web_searchentry BEGIN "
    "INSERT INTO web_search_fts(web_search_fts, rowid, index_title, index_body) "
    "VALUES ('delete', old.id, old.index_title, old.index_body); "
    "INSERT INTO web_search_fts(rowid, index_title, index_body) "
    "VALUES (new.id, new.index_title, new.index_body); END",
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS web_searchentry_au",
    "DROP TRIGGER IF EXISTS web_searchentry_ad",
    "DROP TRIGGER IF EXISTS web_searchentry_ai",
    "DROP TABLE IF EXISTS web_search_fts",
]
POSTGRESQL = [
    "ALTER TABLE web_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('french'::regconfig, index_title), 'A') || "
    "setweight(to_tsvector('french'::regconfig, index_body), 'B')) STORED",
    "CREATE INDEX web_searchentry_vector ON web_searchentry USING gin (search_vector)",
]
POSTGRESQL_UNDO = [
    "DROP INDEX IF EXISTS web_searchentry_vector",
    "ALTER TABLE web_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def full_text(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL)


def undo_full_text(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_UNDO)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_UNDO)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("uid", models.CharField(max_length=32, unique=True)),
                ("title", models.TextField()),
                ("short_title", models.CharField(blank=True, max_length=255)),
                ("date_publi", models.DateField(db_index=True, null=True)),
                ("nature", models.CharField(blank=True, db_index=True, max_length=64)),
                ("rubric", models.CharField(default="jo", max_length=32)),
                ("status", models.CharField(blank=True, max_length=16)),
                ("theme", models.CharField(blank=True, max_length=64)),
                ("themes", models.CharField(blank=True, max_length=255)),
                ("roles", models.CharField(blank=True, max_length=255)),
                ("departements", models.TextField(blank=True)),
                ("retained", models.BooleanField(default=False)),
                ("urgent", models.BooleanField(default=False)),
                ("text", models.TextField(blank=True)),
                ("index_title", models.TextField(blank=True)),
                ("index_body", models.TextField(blank=True)),
                ("document", models.OneToOneField(
                    on_delete=django.db.models.deletion.CASCADE, related_name="search_entry",
                    to="documents.document")),
            ],
        ),
        migrations.RunPython(full_text, undo_full_text),
    ]
