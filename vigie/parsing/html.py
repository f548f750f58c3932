"""Sanitised HTML and plain text of a DILA ``CONTENU`` element.

This module owns the two renderings of the light HTML that DILA embeds in ``CONTENU``
(articles, visas, notice, signatories):

* :func:`sanitize_html`: the inner HTML with only whitelisted tags (see ``ALLOWED_TAGS``) and
  attributes (``align``, ``colspan``, ``rowspan``). Scripts, styles, comments, processing
  instructions and entity references are dropped with their content; any other tag is unwrapped
  (its text and children are kept).
* :func:`contenu_text`: plain text where ``<br/>`` and the end of every block
  (``p``, ``div``, ``li``, ``h1``…) start a new line, whitespace is normalised (one space, no
  leading/trailing space, non-breaking spaces included), empty lines are removed, and each table
  row sits on one line with its cells joined by ``CELL_SEPARATOR`` (" | "; empty cells are kept so
  that columns stay aligned). Inside a cell, ``<br/>`` and blocks become a single space. Inline
  tags add nothing: ``1<sup>er</sup>`` reads "1er". (A table nested in a cell breaks the outer
  row, once per inner row.)
* :func:`render_contenu`: both.

Speed matters (tens of thousands of texts per delivery). The HTML is serialised by lxml (C) and
only rewritten when a precompiled check finds a tag or attribute outside the whitelist (the usual
DILA ``<table border="1">`` is cleaned on the tree beforehand); the string lxml produces is regular
(no comments or CDATA once dropped, ``<``/``>``/``"`` escaped, attributes double-quoted), which is
what makes that check sound. The plain text comes from one walk over the tree, which only appends
strings; lines and cells are then normalised with str methods.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

CELL_SEPARATOR = " | "

BLOCK_TAGS = (
    "p", "div", "table", "thead", "tbody", "tr", "li", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
)
INLINE_TAGS = ("br", "th", "td", "sup", "sub", "b", "i", "em", "strong", "u", "span")
ALLOWED_TAGS = frozenset(BLOCK_TAGS + INLINE_TAGS)
ALLOWED_ATTRIBUTES = frozenset(("align", "colspan", "rowspan"))

# Elements removed together with their content (HTML is case-insensitive, XML is not).
_DROPPED = ("script", "style", "iframe", "object", "embed", "applet", "noscript", "template",
            "svg", "math", "head", "meta", "link", "base", "frame", "frameset")
_DROPPED_ALL = (
    etree.Comment, etree.ProcessingInstruction, etree.Entity,
    *_DROPPED, *(t.upper() for t in _DROPPED), *(t.capitalize() for t in _DROPPED),
)

_TAG_ALT = "|".join(sorted(ALLOWED_TAGS, key=len, reverse=True))
_ATTR_ALT = "|".join(sorted(ALLOWED_ATTRIBUTES))
# Any tag that is not an allowed tag carrying only allowed attributes; comments and processing
# instructions ("<!--", "<?") match too. Entity references are looked for separately.
_DIRTY_TAG = re.compile(
    rf'<(?!/(?:{_TAG_ALT})>|(?:{_TAG_ALT})(?: (?:{_ATTR_ALT})="[^"]*")*/?>)[^>]*>'
)
_ENTITY_REF = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)")
_TAG_NAME = re.compile(r"</?([^\s/>]+)")
_ATTRIBUTE = re.compile(r'\s([^\s=/>]+)="([^"]*)"')

_BREAK = "\ue001"  # private-use characters: "a line ends here" and "a cell starts here"
_CELL_MARK = "\ue000"
_INLINE_TAGS = frozenset(("sup", "sub", "b", "i", "em", "strong", "u", "span"))
_BLOCKS_IN_TEXT = frozenset(BLOCK_TAGS) - {"tr"}
_CELLS = frozenset(("td", "th"))
_DROPPED_SET = frozenset(_DROPPED)


def sanitize_html(contenu: etree._Element | None) -> str:
    """Return the sanitised inner HTML of ``contenu`` ("" when absent or empty).

    The element may be modified in place (dropped nodes and attributes are removed).
    """
    if _is_empty(contenu):
        return ""
    for table in contenu.iter("table"):  # DILA tables carry border="1": clean it on the tree
        _keep_allowed_attributes(table)
    html = _serialise(contenu)
    if _DIRTY_TAG.search(html) or ("&" in html and _ENTITY_REF.search(html)):
        etree.strip_elements(contenu, *_DROPPED_ALL, with_tail=False)
        html = _DIRTY_TAG.sub(_clean_tag, _serialise(contenu))
    return html


def contenu_text(contenu: etree._Element | None) -> str:
    """Return the plain text of ``contenu`` (see the module docstring for the conventions)."""
    if _is_empty(contenu):
        return ""
    pieces = [contenu.text or ""]
    _walk(contenu, pieces.append, _BREAK)
    lines = []
    for line in "".join(pieces).split(_BREAK):
        line = _row(line) if _CELL_MARK in line else " ".join(line.split())
        if line:
            lines.append(line)
    return "\n".join(lines)


def render_contenu(contenu: etree._Element | None) -> tuple[str, str]:
    """Return ``(sanitised HTML, plain text)`` of ``contenu``."""
    return sanitize_html(contenu), contenu_text(contenu)


def _is_empty(contenu: etree._Element | None) -> bool:
    """True for a missing ``CONTENU``, ``<CONTENU/>`` or one holding only whitespace."""
    if contenu is None:
        return True
    if len(contenu):
        return False
    text = contenu.text
    return not text or text.isspace()


def _walk(element: etree._Element, add: Callable[[str], None], brk: str) -> None:
    """Append the text under ``element`` to ``add``; ``brk`` is what a line break becomes.

    Outside tables ``brk`` is the line-break mark; inside a cell it is a space, so that a row
    stays on one line. Dropped elements, comments and processing instructions add nothing but
    their tail.
    """
    for child in element:
        tag = child.tag
        if tag == "br":
            add(brk)
        elif tag in _INLINE_TAGS:
            _inline(child, add, brk)
        elif tag in _BLOCKS_IN_TEXT:
            add(brk)
            _inline(child, add, brk)
            add(brk)
        elif tag in _CELLS:
            add(_CELL_MARK)
            _inline(child, add, " ")
        elif tag == "tr":
            add(_BREAK)
            _inline(child, add, " ")
            add(_BREAK)
        elif isinstance(tag, str) and tag.lower() not in _DROPPED_SET:
            _inline(child, add, brk)  # unknown tag: unwrapped
        tail = child.tail
        if tail:
            add(tail)


def _inline(element: etree._Element, add: Callable[[str], None], brk: str) -> None:
    """Append the text and the children of ``element`` (not its tail)."""
    text = element.text
    if text:
        add(text)
    if len(element):
        _walk(element, add, brk)


def _row(line: str) -> str:
    """Normalise a table row: cells (starting at each mark) joined by ``CELL_SEPARATOR``."""
    if not line.lstrip().startswith(_CELL_MARK):  # text before the first cell: its own line
        head, _, rest = line.partition(_CELL_MARK)
        row = _row(_CELL_MARK + rest)
        head = " ".join(head.split())
        return f"{head}\n{row}" if head and row else head or row
    line = " ".join(line.split())
    line = line.replace(" " + _CELL_MARK, _CELL_MARK).replace(_CELL_MARK + " ", _CELL_MARK)
    if not line.strip(_CELL_MARK):  # a row of empty cells
        return ""
    return line[1:].replace(_CELL_MARK, CELL_SEPARATOR)


def _serialise(contenu: etree._Element) -> str:
    """Inner XML of ``contenu`` ("" when it has no content)."""
    xml = etree.tostring(contenu, encoding="unicode", with_tail=False)
    start = xml.find(">")
    if xml[start - 1] == "/":  # <CONTENU/>
        return ""
    return xml[start + 1 : xml.rfind("<")].strip()


def _keep_allowed_attributes(element: etree._Element) -> None:
    """Remove the attributes of ``element`` that are not whitelisted."""
    attributes = element.attrib
    for key in list(attributes):
        if key not in ALLOWED_ATTRIBUTES:
            del attributes[key]


def _clean_tag(match: re.Match[str]) -> str:
    """Unwrap a tag that is not allowed, or keep an allowed one with its allowed attributes."""
    tag = match.group(0)
    name_match = _TAG_NAME.match(tag)
    name = name_match.group(1) if name_match else ""
    if name not in ALLOWED_TAGS:
        return ""
    if tag.startswith("</"):
        return f"</{name}>"
    kept = "".join(
        f' {key}="{value}"' for key, value in _ATTRIBUTE.findall(tag) if key in ALLOWED_ATTRIBUTES
    )
    return f"<{name}{kept}{'/>' if tag.endswith('/>') else '>'}"
