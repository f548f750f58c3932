"""An index of the search entries by format (``index_version``) and date.

The daily work writes again, newest first, the entries of an older format a bounded number
at a time (``search.upgrade``), and ``/sante/`` says how many remain: both ask at every run
or every poll which entries are of another format than the current one. Without an index,
a scan of the whole table, text included (0.4 to 1 s at 200 000 texts, see 0006). It also
answers whether entries of format 1 remain (``index_version`` NULL, ``query._format_1_left``):
0006's partial index for that alone goes. Raw SQL, like 0006: the model state does not change.
"""

from django.db import migrations

NAME, FORMAT_1 = "web_searchentry_format_date", "web_searchentry_format_1"
# Newest first, as the date index of 0006 (the rows of one format come in the order asked).
ORDER = {"sqlite": "date_publi DESC", "postgresql": "date_publi DESC NULLS LAST"}


def _create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in ORDER:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} "
                              f"ON web_searchentry (index_version, {ORDER[vendor]})")
        schema_editor.execute(f"DROP INDEX IF EXISTS {FORMAT_1}")


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor in ORDER:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {FORMAT_1} ON web_searchentry (id) "
                              "WHERE index_version IS NULL")
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0007_search_words"),
    ]

    operations = [
        migrations.RunPython(_create, _drop),
    ]
