"""News feeds (RSS 2.0, Atom) as plain records: a feed's entries, their canonical address.

``feedparser`` reads the bytes (it copes with broken XML, encodings and date formats); it is
called by the storage stage, which hands its result here, because the library can also reach
the network. Everything here is pure: a parsed feed (a mapping) in, frozen records out.
"""

from __future__ import annotations

import calendar
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from vigie.parsing.clipping import clip

SUMMARY_LIMIT = 600  # characters of a summary kept for readers (plain text)
# Query parameters that say who sent the reader, not what is read.
_TRACKING = re.compile(r"^(utm_\w+|xtor|at_\w+|fbclid|gclid|mc_cid|mc_eid|pk_\w+)$", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


class FeedError(ValueError):
    """A feed that cannot be read; ``str(error)`` is a French message."""


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, as the feed gives it."""

    key: str  # the entry's id (guid), else its link
    url: str  # the article's address, as published
    title: str
    summary: str  # plain text, at most SUMMARY_LIMIT characters
    published: datetime | None  # UTC
    author: str = ""
    canonical: str = ""  # ``canonical_url(url)``, computed once

    @property
    def gist(self) -> str:
        """Title and summary: what a re-published copy of the item is recognised by."""
        return f"{self.title} {self.summary}"


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    site: str  # the site's address (the feed's ``link``)
    rights: str  # what the feed says of its licence (``copyright``, ``rights``), if anything
    entries: tuple[FeedEntry, ...]
    warning: str = ""  # « XML mal formé » when feedparser had to recover


def plain_text(fragment: str, limit: int | None = None) -> str:
    """HTML fragment → one line of text (tags dropped, entities decoded, spaces folded),
    cut at ``limit`` characters by the one rule of :mod:`vigie.parsing.clipping`."""
    text = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment or ""))).strip()
    return clip(text, limit) if limit else text


def canonical_url(url: str) -> str:
    """The address that identifies an article whatever link led to it: lower-case host
    without ``www.``, no scheme difference, no fragment, no tracking parameters, no trailing
    slash, query parameters sorted."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", host, path, query, "")).removeprefix("//")


def _when(entry: Mapping[str, Any]) -> datetime | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None


def entry_from(entry: Mapping[str, Any]) -> FeedEntry | None:
    """One feedparser entry as a record; None when it has neither title nor address."""
    url = str(entry.get("link") or "").strip()
    title = plain_text(str(entry.get("title") or ""))
    if not title and not url:
        return None
    summary = str(entry.get("summary") or "")
    if not summary and entry.get("content"):
        summary = str(entry["content"][0].get("value") or "")
    return FeedEntry(
        key=str(entry.get("id") or url or title)[:500], url=url, title=title or url,
        summary=plain_text(summary, SUMMARY_LIMIT), published=_when(entry),
        author=plain_text(str(entry.get("author") or ""))[:200],
        canonical=canonical_url(url) if url else "",
    )


def read_feed(parsed: Mapping[str, Any]) -> ParsedFeed:
    """feedparser's result → a ``ParsedFeed``; raises ``FeedError`` when it holds no feed."""
    meta = parsed.get("feed") or {}
    raw = parsed.get("entries") or []
    version = parsed.get("version") or ""
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not version and not raw:
        reason = f" ({str(problem)[:120]})" if problem else ""
        raise FeedError(f"ce n'est pas un flux RSS ou Atom lisible{reason}")
    entries = tuple(e for e in (entry_from(item) for item in raw) if e is not None)
    warning = "XML mal formé, lu au mieux" if problem and version else ""
    return ParsedFeed(
        title=plain_text(str(meta.get("title") or ""))[:255],
        site=str(meta.get("link") or "")[:500],
        rights=plain_text(str(meta.get("rights") or meta.get("copyright") or ""))[:255],
        entries=entries, warning=warning,
    )


def day_of(entry: FeedEntry, fallback: date) -> date:
    """The publication day of an entry (the day it was seen when the feed gives none)."""
    return entry.published.date() if entry.published else fallback
