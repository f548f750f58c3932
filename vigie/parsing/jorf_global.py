"""JORF « global » flow: one file per object (text version, article, structure, section).

This module owns the layouts of the global flow's objects:

* ``TEXTE_VERSION``: metadata under ``META/META_COMMUN`` and ``META/META_SPEC/*``
  (``META_TEXTE_CHRONICLE``, ``META_TEXTE_VERSION``), then ``NOTICE``, ``VISAS``, ``SIGNATAIRES``;
  its articles are separate files, so ``articles`` is empty.
* ``ARTICLE``: identity under ``META``, body in ``BLOC_TEXTUEL/CONTENU``, the text it belongs to in
  ``CONTEXTE/TEXTE@cid``.
* ``TEXTELR`` (a text's structure): ``STRUCT/LIEN_ART`` and ``STRUCT/LIEN_SECTION_TA``.
* ``SECTION_TA``: ``TITRE_TA``, ``STRUCTURE_TA`` (same links), ``CONTEXTE/TEXTE@cid``.

Older files put some of the ``META`` children directly under the root; both places are read.
"""

from __future__ import annotations

from lxml import etree

from vigie.parsing.model import (
    ParsedArticle,
    ParsedSection,
    ParsedStructure,
    ParsedText,
    StructItem,
)
from vigie.parsing.records import new_section, new_struct_item, new_structure
from vigie.parsing.texte import Fields, article, build_text
from vigie.parsing.xmltools import clean, require_id, text_of

FLOW = "jorf"


def parse_texte_version(root: etree._Element, name: str) -> ParsedText:
    """Parse a ``<TEXTE_VERSION>`` root element (articles are in their own files)."""
    return build_text(name, FLOW, merged_fields(root))


def parse_article(root: etree._Element, name: str) -> ParsedArticle:
    """Parse an ``<ARTICLE>`` root element."""
    nodes = root[:]  # see xmltools.children
    fields = _merged_fields(nodes)
    return article(
        name, fields, _context_text_id(nodes), text_of(fields, "NUM"), fields.get("BLOC_TEXTUEL")
    )


def parse_structure(root: etree._Element, name: str) -> ParsedStructure:
    """Parse a ``<TEXTELR>`` root element (a text's top-level articles and sections)."""
    fields = merged_fields(root)
    text_id = text_of(fields, "ID") or text_of(fields, "CID")
    return new_structure(require_id(name, text_id, "la structure du texte"),
                         struct_items(fields.get("STRUCT")))


def parse_section(root: etree._Element, name: str) -> ParsedSection:
    """Parse a ``<SECTION_TA>`` root element."""
    fields = merged_fields(root)
    return new_section(require_id(name, text_of(fields, "ID"), "la section"),
                       _context_text_id(root[:]), text_of(fields, "TITRE_TA"),
                       struct_items(fields.get("STRUCTURE_TA")))


def merged_fields(root: etree._Element) -> Fields:
    """Tag → element for the root's children, then ``META_COMMUN``'s and ``META_SPEC/*``'s.

    A tag found directly under the root wins over the same tag under ``META``.
    """
    return _merged_fields(root[:])  # see xmltools.children


def _merged_fields(nodes: list[etree._Element]) -> Fields:
    """:func:`merged_fields` of the root whose children are ``nodes``."""
    fields: Fields = {}
    add = fields.setdefault
    for child in nodes:
        add(child.tag, child)
    meta = fields.get("META")
    if meta is None:
        return fields
    for part in meta[:]:
        if part.tag == "META_SPEC":
            for spec in part[:]:
                for child in spec[:]:
                    add(child.tag, child)
        else:
            for child in part[:]:
                add(child.tag, child)
    return fields


def struct_items(struct: etree._Element | None) -> tuple[StructItem, ...]:
    """Articles (``LIEN_ART``) and sections (``LIEN_SECTION_TA``) of ``struct``, in order."""
    if struct is None:
        return ()
    items = []
    add = items.append
    for link in struct[:]:  # see xmltools.children
        tag = link.tag
        if tag == "LIEN_ART":  # (arguments by position: a call by keywords costs more)
            get = link.get
            add(new_struct_item("article", clean(get("id")), clean(get("num"))))
        elif tag == "LIEN_SECTION_TA":
            section_id = clean(link.get("id") or link.get("cid"))
            add(new_struct_item("section", section_id, "", clean(link.text)))
    return tuple(items)


def _context_text_id(nodes: list[etree._Element]) -> str:
    """``CONTEXTE/TEXTE@cid`` of the root whose children are ``nodes``: the text an article or
    section belongs to ("" when absent)."""
    # What root.find("CONTEXTE/TEXTE") finds: the first TEXTE of the first CONTEXTE that has
    # one (iterchildren(tag) built a tag matcher per call; the tags compared here are the
    # same names without namespace).
    for contexte in nodes:
        if contexte.tag == "CONTEXTE":
            for texte in contexte[:]:
                if texte.tag == "TEXTE":
                    return clean(texte.get("cid"))
    return ""
