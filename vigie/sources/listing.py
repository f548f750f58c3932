"""Reading an HTML directory listing (Apache ``mod_autoindex`` or nginx ``autoindex``).

This module owns turning the HTML page of a folder into entries ``(name, url, size)``. It knows
nothing about DILA file names: filtering belongs to :mod:`vigie.sources.dila`.

A size is kept only when the listing gives it exactly in bytes (nginx's default); Apache's
rounded sizes such as ``1.2M`` give ``None``, as does a missing size column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

_TIME = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")


class ListingError(ValueError):
    """The page is not a directory listing; ``str(error)`` is a French message."""


@dataclass(frozen=True)
class ListingEntry:
    """A file linked from a listing: decoded file name, absolute URL, exact size if given."""

    name: str
    url: str
    size: int | None


def parse_listing(html: str, listing_url: str) -> list[ListingEntry]:
    """Return the files linked from ``html``, in page order, without duplicates.

    Links to folders (ending in ``/``) and to other pages (``?C=N;O=D``) are left out.
    Raises :class:`ListingError` when the page holds no link at all.
    """
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    if not parser.links:
        raise ListingError(f"La page « {listing_url} » n'est pas une liste de fichiers lisible.")
    entries: dict[str, ListingEntry] = {}
    for href, trailing in parser.links:
        url = urljoin(listing_url, href)
        path = urlsplit(url).path
        if not path or path.endswith("/"):
            continue
        name = unquote(path.rsplit("/", 1)[-1])
        if name and name not in entries:
            entries[name] = ListingEntry(name, url, _size_after(trailing))
    return list(entries.values())


def parse_folders(html: str, listing_url: str) -> list[str]:
    """The names of the folders just under ``listing_url`` that ``html`` links to (« 2024 »,
    « Annee_en_cours »), in page order: the parent folder, the sort links and links elsewhere
    are left out. Raises :class:`ListingError` when the page holds no link at all."""
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    if not parser.links:
        raise ListingError(f"La page « {listing_url} » n'est pas une liste de fichiers lisible.")
    here = urlsplit(listing_url).path.rstrip("/") + "/"
    names: dict[str, None] = {}
    for href, _trailing in parser.links:
        path = urlsplit(urljoin(listing_url, href)).path
        name = path[len(here):].rstrip("/") if path.startswith(here) else ""
        if path.endswith("/") and name and "/" not in name:
            names[unquote(name)] = None
    return list(names)


def _size_after(text: str) -> int | None:
    """The exact byte size in the text following a link (date, time, then size)."""
    tokens = text.split()
    for index, token in enumerate(tokens):
        if _TIME.match(token):
            following = tokens[index + 1 : index + 2]
            return int(following[0]) if following and following[0].isdigit() else None
    return None


class _LinkParser(HTMLParser):
    """Collects ``(href, text after the link up to the next link or table row)``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._trailing: list[str] = []
        self._in_anchor = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("a", "tr"):
            self._flush()
        if tag == "a":
            href = dict(attrs).get("href")
            self._href = href.strip() if href else None
            self._in_anchor = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_anchor = False
        elif tag == "tr":
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._href is not None and not self._in_anchor:
            self._trailing.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        if self._href:
            self.links.append((self._href, " ".join(self._trailing)))
        self._href, self._trailing = None, []
