"""Safe XML parsing and the small value helpers shared by every DILA parser.

This module owns: the hardened lxml parser (no entity expansion, no network, large documents
allowed), the French error messages for unreadable members, and the conversions of raw element
text into field values (whitespace-normalised strings, dates where "2999-01-01" means none,
integers).
"""

from __future__ import annotations

import re
import threading
from contextlib import suppress
from datetime import date

from lxml import etree

from vigie.parsing.model import ParseError
from vigie.parsing.xml_errors import in_french

NO_DATE = "2999-01-01"

_local = threading.local()
# Control characters no database or XML document holds (an HTML page's « &#1; », a JSON
# « \u0007 »): NUL (PostgreSQL refuses it) is dropped, another becomes a space.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _parser(kind: str = "parser") -> etree.XMLParser:
    """One parser per thread and ``kind`` (``parser`` for ``fromstring``, ``feeder`` fed):
    lxml parsers must not be shared between threads."""
    parser = getattr(_local, kind, None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, huge_tree=True, load_dtd=False,
            collect_ids=False,
        )
        setattr(_local, kind, parser)
    return parser


def parse_xml(name: str, data: bytes) -> etree._Element:
    """Parse ``data`` into its root element, or raise :class:`ParseError` naming ``name``."""
    if not data or data.isspace():
        raise ParseError(f"{name} : fichier vide, aucun XML à lire")
    if type(data) is bytes:
        root = _fed(data)
        if root is not None:
            return root
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        line, column = error.position
        kind = "XML mal formé" if _looks_like_xml(data) else "contenu qui n'est pas du XML"
        raise ParseError(
            f"{name} : {kind} (ligne {line}, colonne {column} : {in_french(error.msg)})"
        ) from error
    except (ValueError, TypeError) as error:  # e.g. str with an encoding declaration
        raise ParseError(f"{name} : XML illisible ({error})") from error
    return root


def _fed(data: bytes) -> etree._Element | None:
    """The root of ``data`` fed at once to a parser (libxml2's push parser: the same tree,
    for about an eighth less than ``fromstring``, which reads from memory); None when it
    fails: ``fromstring`` reads it again and says why in its words (line and column)."""
    feeder = _parser("feeder")
    try:
        feeder.feed(data)
        return feeder.close()
    except Exception:  # (whatever it is, fromstring meets it again)
        with suppress(Exception):
            feeder.close()  # ready for the next file, whatever ``feed`` left
        return None


def _looks_like_xml(data: bytes) -> bool:
    """True when ``data`` starts like a markup document (after a UTF-8 BOM and blanks)."""
    head = data[:64].removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<") or head.startswith((b"\xff\xfe", b"\xfe\xff"))


def clean(value: str | None) -> str:
    """Collapse every run of whitespace (newlines, non-breaking spaces…) into one space; a
    control character is dropped (NUL) or read as a space."""
    if not value:
        return ""
    value = value.strip()
    # Fast path (most values): no newline, tab or exotic space inside, no double space.
    if value.isprintable() and "  " not in value:
        return value
    value = " ".join(value.split())
    if value.isprintable():
        return value
    return " ".join(without_controls(value).split())


def without_controls(value: str) -> str:
    """``value`` with its control characters mended: NUL dropped, another one a space (tab,
    newline and carriage return kept)."""
    return value if value.isprintable() else _CONTROL.sub(_storable, value)


def _storable(match: re.Match[str]) -> str:
    return "" if match.group() == "\x00" else " "


def children(element: etree._Element | None) -> dict[str, etree._Element]:
    """Map tag → first child element with that tag (one pass over the children).

    The parsers walk children as ``element[:]`` rather than ``for child in element``: the same
    nodes in the same order (comments and processing instructions included), collected in C
    in one call, where each loop over an element sets up a child iterator (a tag matcher)
    that costs more than the loop itself over the few children of a DILA element.
    """
    found: dict[str, etree._Element] = {}
    if element is not None:
        add = found.setdefault
        for child in element[:]:
            add(child.tag, child)
    return found


def text_of(fields: dict[str, etree._Element], tag: str) -> str:
    """Whitespace-normalised text of ``fields[tag]`` ("" when absent or empty)."""
    element = fields.get(tag)
    return clean(element.text) if element is not None else ""


def to_date(value: str | None) -> date | None:
    """ISO date, or None for "", "2999-01-01" and unreadable values."""
    if not value:
        return None
    value = value.strip()
    if not value or value == NO_DATE:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def to_int(value: str | None) -> int | None:
    """Integer value of a digit string, None otherwise."""
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def find_meta(root: etree._Element, tag: str) -> etree._Element | None:
    """``tag`` as a direct child of ``root``, else its first occurrence anywhere under ``META``."""
    element = root.find(tag)
    if element is None:
        meta = root.find("META")
        if meta is not None:
            element = next(meta.iter(tag), None)
    return element


def meta_text(root: etree._Element, tag: str) -> str:
    """Normalised text of :func:`find_meta` ("" when absent)."""
    element = find_meta(root, tag)
    return clean(element.text) if element is not None else ""


def require_id(name: str, value: str, what: str) -> str:
    """Return ``value`` or raise :class:`ParseError` saying that ``what`` has no ID."""
    if not value:
        raise ParseError(f"{name} : identifiant (ID) absent pour {what}")
    return value
