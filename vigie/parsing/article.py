"""The text of an article page, extracted with trafilatura (menus, banners and footers
dropped), as a plain record. Pure: the page's bytes in, a record out; fetching the page is
the sources stage's job."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

TEXT_LIMIT = 100_000  # characters kept of a very long page


@dataclass(frozen=True)
class Extracted:
    text: str  # the article's text, paragraphs separated by blank lines
    title: str = ""
    author: str = ""
    licence: str = ""  # what the page says of its licence, if anything


def extract_article(page: bytes, url: str = "") -> Extracted | None:
    """The article of an HTML page, or None when no article text can be found in it."""
    if not page.strip():
        return None
    document = trafilatura.bare_extraction(
        page, url=url or None, with_metadata=True,
        include_comments=False, include_tables=False, favor_precision=True)
    if document is None:
        return None
    text = (getattr(document, "text", None) or "").strip()
    if not text:
        return None
    return Extracted(text=text[:TEXT_LIMIT], title=getattr(document, "title", None) or "",
                     author=getattr(document, "author", None) or "",
                     licence=getattr(document, "license", None) or "")
