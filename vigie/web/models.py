"""Tables of the web site: the search index (one entry per stored document) and its version."""

from __future__ import annotations

from django.db import models

from vigie.documents.models import Document


class SearchEntry(models.Model):
    """What search matches, filters and shows for one document.

    ``index_title`` and ``index_body`` are what the database engine indexes: the stems of
    ``search.text.stemmed`` on both (SQLite: an FTS5 table fed by triggers, migration 0001;
    PostgreSQL: a ``tsvector`` column, migration 0005), in format ``index_version``.
    Set-valued filters are kept as space-framed words (« elus direction ») so that one
    ``contains`` works on both.
    """

    document = models.OneToOneField(Document, on_delete=models.CASCADE,
                                    related_name="search_entry")
    uid = models.CharField(max_length=32, unique=True)
    title = models.TextField()
    short_title = models.CharField(max_length=255, blank=True)
    date_publi = models.DateField(null=True, db_index=True)
    nature = models.CharField(max_length=64, blank=True, db_index=True)
    rubric = models.CharField(max_length=32, default="jo")
    status = models.CharField(max_length=16, blank=True)
    theme = models.CharField(max_length=64, blank=True)
    themes = models.CharField(max_length=255, blank=True)  # main and secondary slugs, framed
    roles = models.CharField(max_length=255, blank=True)  # framed role slugs
    departements = models.TextField(blank=True)  # framed INSEE codes the text names
    retained = models.BooleanField(default=False)
    urgent = models.BooleanField(default=False)
    text = models.TextField(blank=True)  # plain text, as read, for snippets
    index_title = models.TextField(blank=True)
    index_body = models.TextField(blank=True)
    # ``search.text.INDEX_FORMAT`` of the two above; NULL: written before formats had numbers.
    index_version = models.PositiveSmallIntegerField(null=True)

    def __str__(self) -> str:
        return f"{self.uid} {self.title[:60]}"


class SearchState(models.Model):
    """One row: the version of the search index, moved on whenever a refresh changes an
    entry. Search pages are kept under it (``vigie.web.page_cache``); ``changed_at`` makes it
    unique even when a database is restored to an older generation."""

    generation = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)
    # The last entry (``SearchEntry.id``) whose words the vocabulary of corrections has read:
    # a rewritten entry is a new row, with a higher id (``search.vocabulary.catch_up``).
    words_read_to = models.BigIntegerField(default=0)


class SearchWord(models.Model):
    """A word of the indexed texts, folded (« intercommunalite »), and its spelling as a
    text gave it (« intercommunalité »): what a mistyped word of a query is corrected to
    (``search.suggestion``). Words are only added: one no longer indexed is never offered,
    since the engine then finds no text holding it."""

    word = models.CharField(max_length=40, primary_key=True)
    form = models.CharField(max_length=40)

    def __str__(self) -> str:
        return self.form
