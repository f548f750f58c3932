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
only rewritten when a precompiled check finds a tag or attribute outside the whitelist (DILA's
usual ``<table border="1">`` is fixed by a plain replace first). The string lxml produces is
regular (``<``, ``>`` and ``"`` escaped, attributes double-quoted; comments and processing
instructions are removed from the tree before the rewrite), which is what makes that check sound.
The plain text of such a clean string (nearly every article) is read from the string itself:
block and ``<br/>`` tags become line breaks, inline tags nothing, rows and cells their marks,
with precompiled substitutions (C) instead of a walk in Python over every node; anything else
(nested tables, dropped or unknown nodes) is walked. Both give the same text. Lines and cells
are then normalised with str methods.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

from lxml import etree

from vigie.parsing.xmltools import clean

CELL_SEPARATOR = " | "

BLOCK_TAGS = (
    "p", "div", "table", "thead", "tbody", "tr", "li", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
)
INLINE_TAGS = ("br", "th", "td", "sup", "sub", "b", "i", "em", "strong", "u", "span")
ALLOWED_TAGS = frozenset(BLOCK_TAGS + INLINE_TAGS)
ALLOWED_ATTRIBUTES = frozenset(("align", "colspan", "rowspan"))

# Elements removed with their content, whatever their case (as are comments, processing
# instructions and entity references).
_DROPPED = ("script", "style", "iframe", "object", "embed", "applet", "noscript", "template",
            "svg", "math", "head", "meta", "link", "base", "frame", "frameset")
_DROPPED_SET = frozenset(_DROPPED)

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

# In a clean string (no match of the two above), every "<" opens an allowed tag: block tags and
# <br/> end a line, inline tags add nothing to the plain text. A line's tag takes the blanks
# after it, which start the next line, where ``clean`` would strip them: the source's
# indentation between two tags then leaves an empty line, which ``_lines`` skips at once.
_ATTRS = rf'(?: (?:{_ATTR_ALT})="[^"]*")*'
_LINE_TAG = re.compile(
    rf'</?(?:{"|".join(sorted((*BLOCK_TAGS, "br"), key=len, reverse=True))}){_ATTRS}/?>\s*')
_INLINE_TAG = re.compile(
    rf'</?(?:{"|".join(sorted(INLINE_TAGS, key=len, reverse=True))}){_ATTRS}/?>')
# In tables: a row (``tr``) whose tags are read already, and cells, read apart from the other
# inline tags (a cell starts with ``_CELL_START`` until its row is read).
_ROW_SPAN = re.compile(rf"<tr{_ATTRS}>([^<]*)</tr>")
_EMPTY_ROW = re.compile(rf"<tr{_ATTRS}/>")
_CELL_TAG = re.compile(rf"<t[dh]{_ATTRS}/?>")
_NOT_ROW_LINE_TAG = re.compile(
    rf'</?(?:{"|".join(sorted(set(BLOCK_TAGS) - {"tr"} | {"br"}, key=len, reverse=True))})'
    rf"{_ATTRS}/?>")
_PLAIN_INLINE = re.compile(
    rf'</?(?:{"|".join(sorted(set(INLINE_TAGS) - {"br", "td", "th"}, key=len, reverse=True))})'
    rf"{_ATTRS}/?>")
# Tags (``<``) up to which the string is read: nesting is then at most half as deep, far from
# the recursion limit, so the walk would have read it too (deeper content is walked, and too
# deep content stays a parse error).
_FLAT_MOST_TAGS = 800

_DILA_TABLE = '<table border="1">'
_BREAK = "\x1e"  # control characters, never in XML 1.0 text: "line ends here" and "cell starts"
_CELL_MARK = "\x1f"
_CELL_START = "\x1d"
# How each tag reads in plain text; any other tag is inline (unless dropped).
_BR, _INLINE, _BLOCK, _CELL, _ROW, _DROP = "br", "inline", "block", "cell", "row", "drop"
_ROLES = {
    "br": _BR, "td": _CELL, "th": _CELL, "tr": _ROW,
    **{tag: _BLOCK for tag in BLOCK_TAGS if tag != "tr"},
}


def sanitize_html(contenu: etree._Element | None) -> str:
    """Return the sanitised inner HTML of ``contenu`` ("" when absent or empty).

    When something must go, ``contenu`` is modified in place (dropped nodes leave the tree).
    """
    if _is_empty(contenu):
        return ""
    html = _dila_serialise(contenu)
    return _sanitised(contenu, html) if _is_dirty(html) else html


def contenu_text(contenu: etree._Element | None) -> str:
    """Return the plain text of ``contenu`` (see the module docstring for the conventions)."""
    if _is_empty(contenu):
        return ""
    text = _flat_text(_dila_serialise(contenu))
    return _walked_text(contenu) if text is None else text


def render_contenu(contenu: etree._Element | None) -> tuple[str, str]:
    """Return ``(sanitised HTML, plain text)`` of ``contenu``: one serialisation for both."""
    if _is_empty(contenu):
        return "", ""
    html = _dila_serialise(contenu)
    text = _flat_text(html)
    if text is not None:  # (nearly every article)
        return html, text
    if not _is_dirty(html):
        return html, _walked_text(contenu)
    text = _walked_text(contenu)  # before the sanitising drops nodes from the tree
    return _sanitised(contenu, html), text


def _dila_serialise(contenu: etree._Element) -> str:
    html = _serialise(contenu)
    if _DILA_TABLE in html:  # DILA tables carry border="1": the one common unwanted attribute
        html = html.replace(_DILA_TABLE, "<table>")
    return html


def _is_dirty(html: str) -> bool:
    """True when ``html`` holds a tag, attribute, comment, processing instruction or entity
    reference outside the whitelist."""
    return bool(_DIRTY_TAG.search(html) or ("&" in html and _ENTITY_REF.search(html)))


def _sanitised(contenu: etree._Element, html: str) -> str:
    _drop_nodes(contenu)
    return _DIRTY_TAG.sub(_clean_tag, _serialise(contenu))


def _is_flat(html: str) -> bool:
    """True when the text of ``html`` can be read from the string (no ``<br>`` with content
    of its own, which the walk skips, no deep nesting) rather than walked."""
    return "</br>" not in html and html.count("<") <= _FLAT_MOST_TAGS


def _flat_text(html: str) -> str | None:
    """The plain text of ``html`` read from the string when it is flat (``_is_flat``) and
    clean (``_is_dirty``); None when it must be walked.

    Block and ``<br/>`` tags become line-break marks, inline tags nothing: what the walk adds
    (tables: ``_table_marks``). Whether the string is clean is told on the way, without
    ``_DIRTY_TAG``'s search: every ``<`` of a string serialised by lxml opens a tag, a comment
    or a processing instruction (``<`` and ``>`` are escaped in text and attribute values), so
    the string holds a tag outside the whitelist exactly when a ``<`` is left once the allowed
    tags are replaced.
    """
    if not _is_flat(html):
        return None
    if "<t" not in html:
        flat = _INLINE_TAG.sub("", _LINE_TAG.sub(_BREAK, html))
    else:
        flat = _table_marks(html)
        if flat is None:
            return None
    if "<" in flat or ("&" in html and _ENTITY_REF.search(html)):
        return None
    return _lines(unescape(flat) if "&" in flat else flat)


def _table_marks(html: str) -> str | None:
    """The text of a string with tables, with line-break and cell marks: what the walk adds
    (see ``_walk``); None for a cell out of any row (walked).

    Each row (``tr``) starts and ends a line; in a row, a cell (``td``, ``th``) starts with
    its mark, and block and ``<br/>`` tags are a space. A row that still holds a tag once the
    others are replaced (a row in a row, as in nested tables) keeps its ``<`` (walked).
    """
    marked = _CELL_TAG.sub(_CELL_START, html).replace("</td>", "").replace("</th>", "")
    marked = _NOT_ROW_LINE_TAG.sub(_BREAK, _PLAIN_INLINE.sub("", marked))
    marked = _EMPTY_ROW.sub(_BREAK, _ROW_SPAN.sub(_row_marks, marked))
    return None if _CELL_START in marked else marked


def _row_marks(row: re.Match[str]) -> str:
    """A row read from the string: its line breaks are spaces, its cells start with a mark."""
    return f"{_BREAK}{row.group(1).replace(_BREAK, ' ').replace(_CELL_START, _CELL_MARK)}{_BREAK}"


def _walked_text(contenu: etree._Element) -> str:
    pieces = [contenu.text or ""]
    _walk(contenu, pieces.append, _BREAK)
    return _lines("".join(pieces))


def _lines(marked: str) -> str:
    """Lines (cells joined) of text where ``_BREAK`` ends a line, cleaned, empty ones gone."""
    lines = []
    for line in marked.split(_BREAK):
        if line:  # (two breaks in a row leave nothing to clean)
            line = _row(line) if _CELL_MARK in line else clean(line)
            if line:
                lines.append(line)
    return "\n".join(lines)


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
    their tail; unknown elements are read as inline ones. Whitespace-only pieces (the
    indentation of the source) are added as one space.
    """
    for child in element[:]:  # the same nodes as iterating, without a child iterator
        tag = child.tag
        role = _ROLES.get(tag, _INLINE) if isinstance(tag, str) else _DROP
        if role is _BR:
            add(brk)
        elif role is not _DROP and not (role is _INLINE and tag.lower() in _DROPPED_SET):
            if role is _INLINE:
                edge, inner = "", brk
            elif role is _BLOCK:
                edge, inner = brk, brk
            elif role is _CELL:
                edge, inner = "", " "
                add(_CELL_MARK)
            else:  # _ROW
                edge, inner = _BREAK, " "
            if edge:
                add(edge)
            text = child.text
            if text:
                add(" " if text.isspace() else text)
            if len(child):
                _walk(child, add, inner)
            if edge:
                add(edge)
        tail = child.tail
        if tail:
            add(" " if tail.isspace() else tail)


def _row(line: str) -> str:
    """A table row: its cells (each starting at a mark) cleaned and joined by ``CELL_SEPARATOR``.

    Text before the first cell goes on its own line; a row of empty cells gives "".
    """
    head, *cells = line.split(_CELL_MARK)
    cells = [clean(cell) for cell in cells]
    row = CELL_SEPARATOR.join(cells) if any(cells) else ""
    head = clean(head)
    if head:
        return f"{head}\n{row}" if row else head
    return row


def _serialise(contenu: etree._Element) -> str:
    """Inner XML of ``contenu`` ("" when it has no content)."""
    xml = etree.tostring(contenu, encoding="unicode", with_tail=False)
    start = xml.find(">")
    if xml[start - 1] == "/":  # <CONTENU/>
        return ""
    return xml[start + 1 : xml.rfind("<")].strip()


def _drop_nodes(contenu: etree._Element) -> None:
    """Remove comments, processing instructions, entity references and dropped elements."""
    doomed = set()
    for node in contenu.iter():
        tag = node.tag
        if not isinstance(tag, str) or tag.lower() in _DROPPED_SET:
            doomed.add(tag)
    if doomed:
        etree.strip_elements(contenu, *doomed, with_tail=False)


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
