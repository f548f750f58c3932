"""``JO``: the sommaire of one issue of the Journal officiel (both flows).

This module owns the issue record and the section path of every listed text. JORFSIMPLE puts
``ID``, ``NUM``, ``DATE_PUBLI``, ``TITRE``, ``ID_ELI`` directly under ``JO``; the global flow's
``conteneur`` may wrap them in ``META/META_COMMUN`` / ``META/META_SPEC/…``: each is looked up in
both places. ``STRUCTURE_TXT`` nests ``TM niv="…"`` sections titled by ``TITRE_TM`` and holding
``LIEN_TXT idtxt titretxt``. The section path of a text is the tuple of the titles of its enclosing
``TM``, without the ``niv="1"`` level (« Journal officiel "Lois et Décrets" »); its rank is its
1-based position among all ``LIEN_TXT`` in document order.
"""

from __future__ import annotations

from lxml import etree

from vigie.parsing.model import ParsedSommaire, SommaireEntry
from vigie.parsing.xmltools import clean, meta_text, require_id, to_date

_TOP_LEVEL = 1  # the niv="1" TM names the publication itself and is left out of section paths


def parse_sommaire(root: etree._Element, name: str) -> ParsedSommaire:
    """Parse a ``<JO>`` root element."""
    structure = root.find("STRUCTURE_TXT")
    if structure is None:
        structure = next(root.iter("STRUCTURE_TXT"), None)
    entries: list[SommaireEntry] = []
    if structure is not None:
        _walk(structure, (), 1, entries)
    return ParsedSommaire(
        id=require_id(name, meta_text(root, "ID"), "le sommaire"),
        number=meta_text(root, "NUM"),
        date_publi=to_date(meta_text(root, "DATE_PUBLI")),
        title=meta_text(root, "TITRE"),
        eli=meta_text(root, "ID_ELI"),
        entries=tuple(entries),
    )


def _walk(
    parent: etree._Element, path: tuple[str, ...], depth: int, entries: list[SommaireEntry]
) -> None:
    """Append the ``LIEN_TXT`` under ``parent`` to ``entries``, recursing into nested ``TM``."""
    for child in parent:
        tag = child.tag
        if tag == "LIEN_TXT":
            text_id = clean(child.get("idtxt"))
            if text_id:
                entries.append(SommaireEntry(
                    text_id=text_id,
                    title=clean(child.get("titretxt")) or clean(child.text),
                    section=path,
                    rank=len(entries) + 1,
                ))
        elif tag == "TM":
            level = child.get("niv", "")
            level_number = int(level) if level.isdigit() else depth
            title = _title(child)
            inner = path if level_number <= _TOP_LEVEL or not title else (*path, title)
            _walk(child, inner, depth + 1, entries)


def _title(tm: etree._Element) -> str:
    """``TITRE_TM`` of a ``TM`` (its first child in practice)."""
    first = tm[0] if len(tm) else None
    if first is not None and first.tag == "TITRE_TM":
        return clean(first.text)
    return clean(tm.findtext("TITRE_TM"))
