"""An index in the search results' date order: newest first, then by identifier.

Searches sorted by date (the default) then read the newest matching entries from the index
and stop after one page, instead of sorting every match. PostgreSQL needs ``NULLS LAST`` to
match the query's order; SQLite already puts NULLs last in a descending order. Raw SQL, like
the full-text part of 0001: the model state does not change.
"""

from django.db import migrations

NAME = "web_searchentry_date_uid"
SQL = {
    "sqlite": f"CREATE INDEX IF NOT EXISTS {NAME} ON web_searchentry (date_publi DESC, uid)",
    "postgresql": f"CREATE INDEX IF NOT EXISTS {NAME} "
                  "ON web_searchentry (date_publi DESC NULLS LAST, uid)",
}


def create_index(apps, schema_editor):
    statement = SQL.get(schema_editor.connection.vendor)
    if statement:
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor in SQL:
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
