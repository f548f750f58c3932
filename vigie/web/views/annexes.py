"""Annex tables made readable on the text page: grouped by département, reader's first.

A catastrophe naturelle arrêté lists hundreds of communes in tables as wide as seven columns:
printed as they come, the page was 470 000 pixels tall with the « Motivations » column off a
phone's screen. A table whose header has a « Département » column and at least ``MIN_ROWS``
rows becomes one collapsible section per département (in the table's order, the reader's
département first and open), each titled « Cher (18) — 12 communes », with a contents list of
anchors above; the département column goes, since the section says it. Every table with a
header row gets ``data-label`` attributes, so that on a phone each row reads as a card
(« Commune : Baix », « Phénomène naturel : … ») instead of columns pushed off screen. Every
table sits in a box of its own (``table-scroll``): on a laptop, a table wider than the column
scrolls sideways there, its scroll bar under it, instead of the whole article. The box takes
the keyboard focus and has a name (« Tableau 1 », « Tableau : Cher (18) — 12 communes »), so
that it scrolls with the arrow keys too (RGAA 7.3, axe « scrollable-region-focusable »).

Only nodes of the stored (sanitised) article HTML are moved; new elements carry text only.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache

from django.core.cache import caches
from lxml import html as lxml_html
from lxml.etree import ParserError, SubElement
from lxml.html import HtmlElement

from vigie.reference.geography import departement_table, normalize
from vigie.reference.places import departement_label

MIN_ROWS = 8  # fewer rows read well as they are
KEPT_SECONDS = 3600  # a table made readable, kept by its content: never out of date
GROUP_CLASS = "annex__group"  # a département's section: the page depends on the reader
SCROLL_CLASS = "table-scroll"  # the box of a table, which scrolls sideways on its own
_CODE = re.compile(r"^\s*(?:d[ée]partement\s*(?:n°)?\s*)?(\d{2,3}|2[ab])\b|\((\d{2,3}|2[ab])\)\s*$",
                   re.IGNORECASE)


@dataclass
class Group:
    """The rows of one département in an annex table."""

    code: str  # INSEE code, or "" when the cell names no département
    label: str  # « Cher (18) »
    anchor: str
    rows: list[HtmlElement] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # distinct commune cells
    mine: bool = False


def readable(fragment_html: str, *, key: str, reader: str = "") -> str:
    """The article's HTML with its long tables grouped by département (see module doc).

    Kept in each process's memory (``fragments``), by the article's HTML, ``key`` and the
    reader's département: remade, an annex of 700 communes cost a fifth of a second of
    processor at every request of its page, a 304 included (the page's ETag is computed on
    the page made)."""
    if "<table" not in fragment_html:
        return fragment_html
    digest = hashlib.sha256(fragment_html.encode()).hexdigest()
    name = f"annex:{digest}:{key}:{reader}"
    found = caches["fragments"].get(name)
    if found is None:
        found = _readable(fragment_html, key=key, reader=reader)
        caches["fragments"].set(name, found, KEPT_SECONDS)
    return found


def _readable(fragment_html: str, *, key: str, reader: str) -> str:
    try:
        root = lxml_html.fragment_fromstring(fragment_html, create_parent="div")
    except (ParserError, ValueError):
        return fragment_html
    for number, table in enumerate(list(root.iter("table")), start=1):
        header = _header(table)
        if header is None:
            _scrolling(table, f"Tableau {number}")
            continue
        labels = [cell_text(cell) for cell in header]
        rows = [tr for tr in table.iter("tr") if tr is not header]
        _label_cells(rows, labels)
        column = next((i for i, label in enumerate(labels)
                       if "departement" in normalize(label)), None)
        if column is not None and len(rows) >= MIN_ROWS:
            _replace(table, _grouped(labels, rows, column, f"{key}-{number}", reader))
        else:
            table.set("class", "stack-table")
            _scrolling(table, f"Tableau {number}")
    whole = lxml_html.tostring(root, encoding="unicode")
    return whole[len("<div>"):-len("</div>")]  # the wrapper made above has no attribute


def _replace(old: HtmlElement, new: HtmlElement) -> None:
    """``new`` where ``old`` was, keeping the text after it (lxml moves it with ``old``)."""
    tail, old.tail = old.tail, None
    old.getparent().replace(old, new)
    new.tail = tail


def _scrolling(table: HtmlElement, name: str) -> HtmlElement:
    """A box around ``table`` that scrolls sideways on its own when the table is wider than
    the column (seven columns of an annex on a laptop), instead of the whole article; named
    ``name`` and reached with the keyboard, whose arrows scroll it."""
    box = lxml_html.Element("div", {"class": SCROLL_CLASS, "tabindex": "0", "role": "group",
                                    "aria-label": name})
    if table.getparent() is not None:
        _replace(table, box)
    box.append(table)
    return box


def cell_text(cell: HtmlElement) -> str:
    """The text of a cell on one line: a line break or a block inside it reads as a space
    (« Date de début<br/>de la période » → « Date de début de la période »), where
    ``text_content()`` would glue the words."""
    parts = cell.xpath(".//text() | .//br | .//p | .//div | .//li")
    return " ".join("".join(p if isinstance(p, str) else " " for p in parts).split())


def _header(table: HtmlElement) -> HtmlElement | None:
    for tr in table.iter("tr"):
        cells = [c for c in tr if c.tag in ("th", "td")]
        return tr if cells and all(c.tag == "th" for c in cells) else None
    return None


def _label_cells(rows: list[HtmlElement], labels: list[str]) -> None:
    for tr in rows:
        cells = [c for c in tr if c.tag in ("td", "th")]
        # Rows shorter than the header lost their first cells (a merged département cell).
        offset = max(0, len(labels) - len(cells))
        for index, cell in enumerate(cells):
            if offset + index < len(labels) and labels[offset + index]:
                cell.set("data-label", labels[offset + index])


def _grouped(labels: list[str], rows: list[HtmlElement], column: int, key: str,
             reader: str) -> HtmlElement:
    groups = _groups(rows, column, key, reader)
    commune = next((i for i, label in enumerate(labels) if normalize(label).startswith(
        ("commune", "nom de la commune", "localite"))), None)
    noun = "commune" if commune is not None else "ligne"
    box = lxml_html.Element("div", {"class": "annex"})
    contents = SubElement(box, "nav", {"class": "annex__contents",
                                                 "aria-label": "Départements de ce tableau"})
    lead = SubElement(contents, "p", {"class": "annex__lead"})
    lead.text = (f"{len(rows)} lignes, {len(groups)} département{_s(len(groups))} : "
                 "chaque département s'ouvre d'un clic.")
    listing = SubElement(contents, "ul")
    for group in groups:
        count = len(group.names) if commune is not None else len(group.rows)
        summary_text = f"{group.label} — {count} {noun}{_s(count)}"
        item = SubElement(listing, "li")
        link = SubElement(item, "a", {"href": f"#{group.anchor}"})
        link.text = summary_text
        details = SubElement(box, "details", {"class": GROUP_CLASS,
                                                        "id": group.anchor})
        if group.mine:
            details.set("open", "open")
            item.set("class", "annex__mine")
        summary = SubElement(details, "summary")
        summary.text = summary_text
        if group.mine:
            flag = SubElement(summary, "span", {"class": "flag flag--local"})
            flag.text = "Votre département"
        details.append(_scrolling(_table(labels, group.rows, column), f"Tableau : {summary_text}"))
    return box


def _groups(rows: list[HtmlElement], column: int, key: str, reader: str) -> list[Group]:
    groups: dict[str, Group] = {}
    for tr in rows:
        cells = [c for c in tr if c.tag in ("td", "th")]
        if len(cells) <= column:
            continue
        written = cell_text(cells[column])
        code = _departement_code(written)
        name = code or normalize(written)
        if name not in groups:
            label = departement_label(code) if code else (written or "Sans département")
            groups[name] = Group(code, label, f"annexe-{key}-{code or len(groups) + 1}",
                                 mine=bool(code) and code == reader)
        groups[name].rows.append(tr)
        others = [cell_text(c) for i, c in enumerate(cells) if i != column]
        groups[name].names.add(others[0] if others else "")
    ordered = list(groups.values())
    return sorted(ordered, key=lambda g: not g.mine)  # stable: the table's order otherwise


def _table(labels: list[str], rows: list[HtmlElement], column: int) -> HtmlElement:
    table = lxml_html.Element("table", {"class": "stack-table"})
    head = SubElement(SubElement(table, "thead"), "tr")
    for index, label in enumerate(labels):
        if index != column:
            SubElement(head, "th", {"scope": "col"}).text = label
    body = SubElement(table, "tbody")
    for tr in rows:
        cells = [c for c in tr if c.tag in ("td", "th")]
        if len(cells) > column:
            tr.remove(cells[column])
        body.append(tr)
    return table


def _departement_code(cell: str) -> str:
    """« Cher », « Cher (18) », « 18 - Cher », « Département du Cher » → « 18 »."""
    names = _departement_names()
    key = normalize(re.sub(r"(?i)^\s*d[ée]partements?\s+(?:de la|de l'|du|des|de|d')\s*", "",
                           cell))
    if key in names:
        return names[key]
    code = _CODE.search(cell)
    found = (code.group(1) or code.group(2)).upper() if code else ""
    found = "0" + found if len(found) == 1 else found
    return found if found in departement_table() else ""


@cache
def _departement_names() -> dict[str, str]:
    return {normalize(d.name): code for code, d in departement_table().items()}


def _s(number: int) -> str:
    return "s" if number > 1 else ""
