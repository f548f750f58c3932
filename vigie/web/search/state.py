"""The version of the search index: it moves on whenever a refresh changes an entry, and
search pages are kept under it (``vigie.web.page_cache``)."""

from __future__ import annotations

from django.db import connection
from django.db.models import F
from django.utils import timezone

from vigie.web.models import SearchEntry, SearchState


def moved_on() -> None:
    """The index changed: a new version (in the writer's transaction)."""
    now = timezone.now()
    if not SearchState.objects.filter(pk=1).update(generation=F("generation") + 1,
                                                   changed_at=now):
        SearchState.objects.get_or_create(pk=1, defaults={"generation": 1, "changed_at": now})


def version_columns() -> str:
    """SQL giving the version of the index as columns of a SELECT (so that a page reads it
    with what else it depends on, in one round trip): its generation and change time, and
    its newest entry (entries written without ``refresh``, by hand or by an older release,
    still change it)."""
    state, entries = SearchState._meta.db_table, SearchEntry._meta.db_table
    return (f"(SELECT generation FROM {state} WHERE id = 1), "
            f"(SELECT changed_at FROM {state} WHERE id = 1), (SELECT MAX(id) FROM {entries})")


def version() -> str:
    """The version of the index."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {version_columns()}")
        return "|".join(str(value) for value in cursor.fetchone())
