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
TITLE_LIMIT = 1000  # characters of a title kept: a headline, not a page (a feed sent 200 000)
# Query parameters that say who sent the reader, not what is read.
_TRACKING = re.compile(r"^(utm_\w+|xtor|at_\w+|fbclid|gclid|mc_cid|mc_eid|pk_\w+)$", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# The line WordPress (and its SEO plug-ins) appends to every item of a feed, in English or in
# French: « The post <title> appeared first on <site>. ». It repeats the title and the site, in
# English on a French site, and sometimes the title's own escaped tags (« <br> »): no summary.
_PLATFORM_FOOTER = re.compile(
    r"\s*(?:The post .{1,500}? appeared first on|L[’']article .{1,500}? est apparu en premier sur)"
    r" .{1,200}?\s*\.?\s*$", re.S)
# What no database or XML document holds: control characters (NUL is refused by PostgreSQL,
# every other by XML 1.0: the site's own feeds) and halves of surrogate pairs (UTF-8 cannot
# write them: « &#xD800; » in a feed stopped its reading, and the sync waited for it forever).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


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
    text = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", storable(fragment or "")))).strip()
    return clip(text, limit) if limit else text


def storable(text: str) -> str:
    """``text`` without control characters, each half of a surrogate pair replaced (« � »):
    what a feedparser value (``&#0;``, ``&#xD800;`` in a broken feed) may hold."""
    if text.isascii():
        return _CONTROL.sub("", text) if not text.isprintable() else text
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


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
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (ValueError, OverflowError, OSError):  # « 0000 » gave year 0
                return None
    return None


def entry_from(entry: Mapping[str, Any]) -> FeedEntry | None:
    """One feedparser entry as a record; None when it has neither title nor address."""
    url = storable(str(entry.get("link") or "")).strip()
    title = plain_text(str(entry.get("title") or ""), TITLE_LIMIT)
    if not title and not url:
        return None
    summary = str(entry.get("summary") or "")
    if not summary and entry.get("content"):
        summary = str(entry["content"][0].get("value") or "")
    summary = _PLATFORM_FOOTER.sub("", plain_text(summary))
    return FeedEntry(
        key=storable(str(entry.get("id") or url or title))[:500], url=url,
        title=title or url[:TITLE_LIMIT],
        summary=clip(summary, SUMMARY_LIMIT), published=_when(entry),
        author=plain_text(str(entry.get("author") or ""))[:200],
        canonical=canonical_url(url) if url else "",
    )


def read_feed(parsed: Mapping[str, Any], head: bytes = b"") -> ParsedFeed:
    """feedparser's result → a ``ParsedFeed``; raises ``FeedError`` when it holds no feed,
    saying why in French (``head``: the first bytes of what was read, which tell a JSON
    answer or a web page from a broken feed)."""
    meta = parsed.get("feed") or {}
    raw = parsed.get("entries") or []
    version = parsed.get("version") or ""
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not version and not raw:
        raise FeedError(f"ce n'est pas un flux RSS ou Atom lisible{not_a_feed(head, problem)}")
    entries = tuple(e for e in (entry_from(item) for item in raw) if e is not None)
    warning = (f"XML mal formé, lu au mieux{not_a_feed(head, problem)}" if problem and version
               else "")
    return ParsedFeed(
        title=plain_text(str(meta.get("title") or ""))[:255],
        site=storable(str(meta.get("link") or ""))[:500],
        rights=plain_text(str(meta.get("rights") or meta.get("copyright") or ""))[:255],
        entries=entries, warning=warning,
    )


# The XML parser's (expat's) words for the faults of real feeds, said in French.
_EXPAT = {
    "syntax error": "erreur de syntaxe (ce n'est pas du XML ?)",
    "not well-formed (invalid token)": "caractère ou balise invalide",
    "no element found": "document vide ou coupé avant sa fin",
    "unclosed token": "balise non terminée (document coupé ?)",
    "partial character": "caractère coupé (document coupé ?)",
    "mismatched tag": "une balise est fermée par une autre",
    "junk after document element": "contenu après la fin du document",
    "undefined entity": "entité inconnue (« &nbsp; » et autres entités du HTML)",
    "duplicate attribute": "attribut en double",
    "unclosed CDATA section": "section CDATA jamais fermée (document coupé ?)",
}
_SAX = re.compile(r"^[^:]*:(\d+):(\d+): (.+)$")


def not_a_feed(head: bytes, problem: object) -> str:
    """Why what was read is no feed, for people: what it is instead (a JSON answer, a web
    page), or where the XML parser stopped and why (« » when nothing is known)."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith((b"{", b"[")):
        return (" : contenu JSON, qui n'est ni un flux RSS ou Atom, ni des avis du BOAMP, ni "
                "une liste d'aides")
    if re.match(rb"<!doctype\s+html|<html[\s>]", start, re.IGNORECASE):
        return " : page web (HTML), pas un flux ; vérifier l'adresse du flux"
    if problem is None:
        return " : document vide" if not start else ""
    found = _SAX.match(str(problem))
    if found is None:
        return f" (selon l'analyseur XML : « {str(problem)[:120]} »)"
    line, column, message = int(found.group(1)), found.group(2), found.group(3)
    line -= 0 if start.startswith(b"<?xml") else 1  # (feedparser adds a declaration line)
    said = _EXPAT.get(message, f"selon l'analyseur XML : « {message[:120]} »")
    return f" (ligne {max(line, 1)}, colonne {column} : {said})"


def day_of(entry: FeedEntry, fallback: date) -> date:
    """The publication day of an entry (the day it was seen when the feed gives none)."""
    return entry.published.date() if entry.published else fallback
