"""The search index's format (``SearchEntry.index_version``, ``search.text.INDEX_FORMAT``).

Format 2 gives both engines the same stems, made in Python (the masculine singular of each
word, stemmed): PostgreSQL now indexes them with its ``simple`` configuration. Entries of
format 1 (``index_version`` NULL) hold folded words, which its ``french`` configuration
stems: their vectors are computed as before, so that search keeps finding them (it asks
for the stems of both formats) until ``vigie repair`` writes them again. The column is
nullable: on SQLite, a column added this way leaves the table and its FTS5 triggers as they
are (a rebuilt table would lose them). PostgreSQL computes the vector of every row again.
"""

from django.db import migrations, models

_VECTOR = ("setweight(to_tsvector('{config}'::regconfig, index_title), 'A') || "
           "setweight(to_tsvector('{config}'::regconfig, index_body), 'B')")
_BOTH = (f"CASE WHEN index_version IS NULL THEN {_VECTOR.format(config='french')} "
         f"ELSE {_VECTOR.format(config='simple')} END")


def _vector(expression: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS web_searchentry_vector",
        "ALTER TABLE web_searchentry DROP COLUMN IF EXISTS search_vector",
        "ALTER TABLE web_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
        f"({expression}) STORED",
        "CREATE INDEX web_searchentry_vector ON web_searchentry USING gin (search_vector)",
    ]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0004_fts_written_in_bulk"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="index_version",
            field=models.PositiveSmallIntegerField(null=True),
        ),
        migrations.RunPython(_run(_vector(_BOTH)),
                             _run(_vector(_VECTOR.format(config="french")))),
    ]
