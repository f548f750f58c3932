"""What the text page shows of each article: its heading and its body.

DILA's paragraphs and table cells often open with a line break (``<p><br/>Les demandes…``),
which would show as an empty line. A style rule cannot drop it alone: ``p > br:first-child``
ignores text, so it also hid the break between two sentences (« rémunère.<br/>Le temps… »
read « rémunère.Le temps »). The break is dropped here, only when nothing but white space
comes before it in its paragraph or cell.

Some articles are stored as text only: the steps of a legislative dossier (shown as a list,
with the documents of each step, as ``vigie show`` prints them) and the errata of an answer
(one paragraph a line).
"""

from __future__ import annotations

import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from vigie.documents.models import Article, Document
from vigie.documents.parlement_display import dossier_steps
from vigie.web.views.annexes import readable

# The stored HTML is sanitised (tags and attributes whitelisted, ``<`` and ``>`` escaped in
# attribute values), so an opening tag is matched whole by a pattern.
_LEADING_BREAKS = re.compile(r"(<(?:p|td|th)(?:\s[^<>]*)?>)\s*(?:<br\s*/?>\s*)+", re.IGNORECASE)


def without_leading_breaks(html: str) -> str:
    """``html`` without the line breaks that open a paragraph or a cell before any text."""
    return _LEADING_BREAKS.sub(r"\1", html)


def shown(doc: Document, articles: list[Article], *, parliament: bool, reader: str) -> None:
    """Set ``heading`` and ``html`` of each article to what the page shows."""
    for number, article in enumerate(articles, start=1):
        article.heading = heading(article, parliament=parliament)
        article.html = body(doc, article, key=str(number), reader=reader)


def heading(article: Article, *, parliament: bool) -> str:
    """« Article 3 », « Réponse », « Annexe »; "" for an unnumbered article that says nothing
    of itself (a bare « Article » taught the reader nothing)."""
    num = article.num.strip()
    if parliament or num.lower().startswith("annexe"):
        return num
    if num:
        return f"Article {num}"
    return "Annexe" if article.text.lstrip().lower().startswith("annexe") else ""


def body(doc: Document, article: Article, *, key: str, reader: str) -> str:
    """The article's HTML, its long annex tables grouped by département (see ``annexes``);
    for an article stored as text only, its text as HTML."""
    if article.html:
        return without_leading_breaks(readable(article.html, key=key, reader=reader))
    details = doc.details or {}
    if details.get("kind") == "dossier" and article.article_id == f"{doc.uid}-E":
        steps = dossier_steps(details)
        if steps:
            return _steps_html(steps)
    return format_html_join("", "<p>{}</p>", ((line.strip(),) for line in
                                              article.text.splitlines() if line.strip()))


def _steps_html(steps: list[tuple[str, list[str]]]) -> SafeString:
    items = (format_html("<li>{}{}</li>", line, format_html(
        "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((d,) for d in documents)))
        if documents else "") for line, documents in steps)
    return format_html('<ol class="steps">{}</ol>', SafeString("".join(items)))
