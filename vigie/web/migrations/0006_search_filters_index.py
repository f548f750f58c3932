"""The search results' date index also holds what the filters test.

Filters (a département, a theme, a role, a rubric, a nature, retained texts) are tested on
each entry: from the table, that read every entry's row, text included — at 200 000 texts,
counting a département's texts took 0.6 s on SQLite, 0.2 s on PostgreSQL. Held in the date
index (newest first, then by identifier, as 0002's, which it replaces), they are tested from
the index alone: the count reads the index, a page of newest results its own rows only.

Also a partial index of the entries still in index format 1 (``index_version`` NULL): whether
any remain is asked once per process and per version of the index (``query._format_1_left``),
so after every ingestion; without it, a scan of the whole table (0.4 to 1 s at 200 000 texts,
paid by the first search of each server process). Raw SQL, like 0002: the model state does not
change.
"""

from django.db import migrations

OLD, NAME = "web_searchentry_date_uid", "web_searchentry_date_filters"
COLUMNS = "uid, rubric, nature, retained, themes, roles, departements"
ORDER = {"sqlite": "date_publi DESC", "postgresql": "date_publi DESC NULLS LAST"}


def _index(name: str, columns: str):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor in ORDER:
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} "
                                  f"ON web_searchentry ({ORDER[vendor]}, {columns})")
            schema_editor.execute(f"DROP INDEX IF EXISTS {OLD if name == NAME else NAME}")
    return run


FORMAT_1 = "web_searchentry_format_1"


def _format_1(apps, schema_editor):
    if schema_editor.connection.vendor in ORDER:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {FORMAT_1} ON web_searchentry (id) "
                              "WHERE index_version IS NULL")


def _no_format_1(apps, schema_editor):
    if schema_editor.connection.vendor in ORDER:
        schema_editor.execute(f"DROP INDEX IF EXISTS {FORMAT_1}")


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0005_index_format"),
    ]

    operations = [
        migrations.RunPython(_index(NAME, COLUMNS), _index(OLD, "uid")),
        migrations.RunPython(_format_1, _no_format_1),
    ]
