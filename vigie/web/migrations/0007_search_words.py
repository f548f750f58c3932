"""The vocabulary of corrections (``SearchWord``) and how far it has read the entries
(``SearchState.words_read_to``): a mistyped word of a query is corrected to a word of the
indexed texts (``search.suggestion``).

SQLite: also ``web_search_vocab``, an ``fts5vocab`` table over the full-text index, which
tells in how many entries a stem is (one probe of the index per stem): whether a word of a
query is known, and how common each correction is. PostgreSQL counts the matches of a stem
in its full-text index (GIN) instead.
"""

from django.db import migrations, models


def _vocab(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("CREATE VIRTUAL TABLE IF NOT EXISTS web_search_vocab "
                              "USING fts5vocab(web_search_fts, row)")


def _no_vocab(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS web_search_vocab")


class Migration(migrations.Migration):

    dependencies = [
        ("web", "0006_search_filters_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("form", models.CharField(max_length=40)),
            ],
        ),
        migrations.AddField(
            model_name="searchstate",
            name="words_read_to",
            field=models.BigIntegerField(default=0),
        ),
        migrations.RunPython(_vocab, _no_vocab),
    ]
