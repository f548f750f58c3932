"""Reading values out of Parliament sources: JSON shapes, French dates, HTML strings, pages.

The Assemblée's JSON comes from XML: any element may be an object or a list of objects, an
empty one may be ``null`` or ``{"@xsi:nil": "true"}``. Dates come as ISO (with or without a
time and zone), as ``DD/MM/YYYY`` (the older XML), ``DD/MM/YY`` (Sénat timelines) or in words
(« 9 décembre 2015 », « 1er juillet 2013 »). Answers are HTML held in a string, often not
well-formed (``</p><p align="CENTER">…``). Sénat pages are ISO-8859-1 unless saved otherwise.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from vigie.parsing.html import render_contenu
from vigie.parsing.xmltools import clean
from vigie.reference.french import MONTH_NUMBERS

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:\s|$)")
_MONTHS = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_WORDS = re.compile(rf"\b(\d{{1,2}})(?:er)?\s+({_MONTHS})\s+(\d{{4}})\b", re.IGNORECASE)
_local = threading.local()
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def as_list(value: Any) -> list[Any]:
    """``None`` → ``[]``, a list as it is, anything else as a one-item list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def first(value: Any) -> Any:
    """The first element of a list, or the value itself."""
    items = as_list(value)
    return items[0] if items else None


def dig(value: Any, *keys: str) -> Any:
    """``value[k1][k2]…``, taking the first element wherever a list stands for an object."""
    for key in keys:
        value = first(value)
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def text(value: Any) -> str:
    """A clean string from a JSON value ("" for null, nil objects, lists of nothing)."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return text(value.get("#text"))
    if isinstance(value, list):
        return "; ".join(t for t in (text(v) for v in value) if t)
    return ""


def texts(value: Any) -> tuple[str, ...]:
    """Every non-empty string of a value that may be a string or a list of them."""
    return tuple(t for t in (text(v) for v in as_list(value)) if t)


def iso_date(value: Any) -> date | None:
    """``2022-07-13``, ``2022-07-13T00:00:00.000+02:00``, ``2022-07-13 00:00:00`` → date."""
    match = _ISO.match(text(value))
    return _safe_date(*(int(g) for g in match.groups())) if match else None


def numeric_date(value: Any) -> date | None:
    """``07/01/2014`` or ``23/07/08`` (two-digit years: 1950–2049) → date."""
    match = _NUMERIC.match(text(value))
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    if year < 100:
        year += 2000 if year < 50 else 1900
    return _safe_date(year, month, day)


def any_date(value: Any) -> date | None:
    """An ISO, numeric or worded date, whichever the value holds."""
    return iso_date(value) or numeric_date(value) or next(worded_dates(text(value)), None)


def worded_dates(value: str) -> Iterator[date]:
    """Every date written in words in ``value`` (« 9 décembre 2015 », « 1er juillet 2013 »)."""
    for match in _WORDS.finditer(value or ""):
        month = MONTH_NUMBERS.get(match.group(2).lower())
        found = _safe_date(int(match.group(3)), month, int(match.group(1))) if month else None
        if found:
            yield found


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_TAG = re.compile(r"</?[A-Za-z][^>]*>")
# Empty blocks left by fragments cut in the middle (« </p><p>…</p><p> »), serialised « <p/> ».
_EMPTY_BLOCK = re.compile(r"<(?:p|div)(?: [^>]*)?/>")


def html_text(fragment: str) -> tuple[str, str]:
    """(sanitised HTML, plain text) of an HTML string, well-formed or not; a string without
    any tag is plain text whose lines are kept (one paragraph each)."""
    if not fragment or fragment.isspace():
        return "", ""
    if not _TAG.search(fragment):
        lines = [line for line in (clean(p) for p in fragment.splitlines()) if line]
        return "".join(f"<p>{_escape(line)}</p>" for line in lines), "\n".join(lines)
    wrapper = _fragment(fragment)
    if wrapper is None:  # nothing an HTML parser can read: keep the words
        plain = clean(re.sub(r"<[^>]*>", " ", fragment))
        return _escape(plain), plain
    html, plain = render_contenu(wrapper)
    return _EMPTY_BLOCK.sub("", html).strip(), plain


def _html_parser() -> etree.HTMLParser:
    """One plain HTML parser per thread (lxml.html's element classes cost a lookup per node)."""
    parser = getattr(_local, "html", None)
    if parser is None:
        parser = _local.html = etree.HTMLParser(remove_comments=True, remove_pis=True,
                                                no_network=True)
    return parser


def _fragment(fragment: str) -> etree._Element | None:
    """The ``div`` wrapping an HTML fragment, parsed leniently."""
    try:
        root = etree.fromstring(f"<div>{fragment}</div>", _html_parser())
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root.find("body/div") if root is not None else None


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def safe_url(value: Any, base: str = "") -> str:
    """An absolute http(s) address, or "" (``javascript:`` and the like never get through)."""
    raw = text(value)
    if not raw:
        return ""
    url = urljoin(base, raw) if base else raw
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def decode_page(data: bytes) -> str:
    """The text of an HTML page: UTF-8 when it is valid UTF-8 (pages saved again often keep a
    stale ``charset=iso-8859-1``), else the declared charset, else Windows-1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    for encoding in ((declared.group(1).decode("ascii"),) if declared else ()) + ("cp1252",):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1")


def parse_page(data: bytes) -> etree._Element:
    """The root element of an HTML page (never raises on tag soup)."""
    page = decode_page(data)
    page = re.sub(r"^\s*<\?xml[^>]*>", "", page)  # lxml refuses a declaration in a str
    return lxml_html.document_fromstring(page or "<html></html>")


def element_text(element: etree._Element | None) -> str:
    """Whitespace-normalised text of an HTML element and its descendants."""
    return clean(element.text_content()) if element is not None else ""
