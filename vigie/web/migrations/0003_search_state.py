"""The version of the search index (``SearchState``): search pages are kept under it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0002_search_date_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("generation", models.BigIntegerField(default=0)),
                ("changed_at", models.DateTimeField(null=True)),
            ],
        ),
    ]
