"""The version of the search index: it moves on whenever a refresh changes an entry, and
search pages are kept under it (``vigie.web.page_cache``)."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from vigie.web.models import SearchEntry, SearchState


def moved_on() -> None:
    """The index changed: a new version (in the writer's transaction)."""
    now = timezone.now()
    if not SearchState.objects.filter(pk=1).update(generation=F("generation") + 1,
                                                   changed_at=now):
        SearchState.objects.get_or_create(pk=1, defaults={"generation": 1, "changed_at": now})


def version() -> str:
    """The version of the index: its generation, and its newest entry (entries written
    without ``refresh``, by hand or by an older release, still change it)."""
    state = SearchState.objects.filter(pk=1).values_list("generation", "changed_at").first()
    newest = SearchEntry.objects.order_by("-id").values_list("id", flat=True).first()
    return f"{state}|{newest}"
