"""JORFSIMPLE ``TEXTE``: one self-contained file per text of the Journal officiel.

This module owns the JORFSIMPLE layout: flat metadata as direct children of ``TEXTE``
(``ORIGINE_PUBLI@id`` is the id of the issue's sommaire, keywords in ``MCS_TEXT``), the articles
inline under ``STRUCT`` (directly or nested in ``SECTION_TA`` such as an « Annexe »), and the
signatories in ``STRUCT/SIGNATAIRES``. Inline articles get the text's id as ``text_id``.
"""

from __future__ import annotations

from lxml import etree

from vigie.parsing.model import ParsedArticle, ParsedText
from vigie.parsing.texte import article, build_text
from vigie.parsing.xmltools import children, require_id, text_of

FLOW = "jorfsimple"


def parse_texte(root: etree._Element, name: str) -> ParsedText:
    """Parse a JORFSIMPLE ``<TEXTE>`` root element."""
    fields = children(root)
    text_id = require_id(name, text_of(fields, "ID"), "le texte")
    struct = fields.get("STRUCT")
    signataires = None
    articles: tuple[ParsedArticle, ...] = ()
    if struct is not None:
        articles = tuple(_inline_articles(name, struct, text_id))
        signataires = struct.find("SIGNATAIRES")
    return build_text(name, FLOW, fields, articles, signataires)


def _inline_articles(
    name: str, struct: etree._Element, text_id: str
) -> list[ParsedArticle]:
    """Every ``ARTICLE`` under ``STRUCT``, sections included, in document order."""
    parsed = []
    for element in struct.iter("ARTICLE"):
        fields = children(element)
        parsed.append(
            article(name, fields, text_id, text_of(fields, "NUM"), fields.get("BLOC_TEXTUEL"))
        )
    return parsed

