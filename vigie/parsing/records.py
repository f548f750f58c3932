"""Building the most frequent records of :mod:`vigie.parsing.model` in the parsers' hot paths.

A frozen dataclass's ``__init__`` sets each field with ``object.__setattr__`` (a frozen class
refuses plain assignment), behind the class call: about 13 000 instructions for an article,
more for a text. These builders make the instance without calling the class and set its
``__dict__`` at once, with the same fields in the same order as ``__init__`` would: the record
is the same (equal, same hash, same pickle). The model declares no ``__post_init__``, which
``__init__`` would have run. ``tests/parsing/test_records.py`` pins each builder to its class
(parameters, defaults, result).
"""

from __future__ import annotations

from datetime import date

from vigie.parsing.model import (
    CitedText,
    Notice,
    ParsedArticle,
    ParsedSection,
    ParsedStructure,
    ParsedText,
    StructItem,
)

_new = object.__new__
_setattr = object.__setattr__


def new_article(id: str, text_id: str, num: str, html: str, text: str,
                eli: str = "") -> ParsedArticle:
    """``ParsedArticle(id, text_id, num, html, text, eli)``."""
    record = _new(ParsedArticle)
    _setattr(record, "__dict__", {"id": id, "text_id": text_id, "num": num, "html": html,
                                  "text": text, "eli": eli})
    return record


def new_struct_item(kind: str, id: str, num: str = "", title: str = "") -> StructItem:
    """``StructItem(kind, id, num, title)``."""
    record = _new(StructItem)
    _setattr(record, "__dict__", {"kind": kind, "id": id, "num": num, "title": title})
    return record


def new_structure(text_id: str, items: tuple[StructItem, ...]) -> ParsedStructure:
    """``ParsedStructure(text_id, items)``."""
    record = _new(ParsedStructure)
    _setattr(record, "__dict__", {"text_id": text_id, "items": items})
    return record


def new_section(id: str, text_id: str, title: str, items: tuple[StructItem, ...]) -> ParsedSection:
    """``ParsedSection(id, text_id, title, items)``."""
    record = _new(ParsedSection)
    _setattr(record, "__dict__", {"id": id, "text_id": text_id, "title": title, "items": items})
    return record


def new_cited_text(id: str, kind: str, nature: str = "", nor: str = "",
                   number: str = "", date: date | None = None, title: str = "",
                   text_id: str = "") -> CitedText:
    """``CitedText(id, kind, nature, nor, number, date, title, text_id)``."""
    record = _new(CitedText)
    _setattr(record, "__dict__", {"id": id, "kind": kind, "nature": nature, "nor": nor,
                                  "number": number, "date": date, "title": title,
                                  "text_id": text_id})
    return record


def new_text(id: str, flow: str, nature: str, nor: str, eli: str,
             number: str, title: str, short_title: str, ministry: str,
             date_text: date | None, date_publi: date | None, jo_number: str, jo_id: str,
             origine_publi: str, page: str, sequence: int | None, notice: Notice, visas: str,
             articles: tuple[ParsedArticle, ...], signatories: tuple[str, ...],
             cited: tuple[CitedText, ...], keywords: tuple[str, ...]) -> ParsedText:
    """``ParsedText`` with every field given (no defaults: ``build_text`` sets them all)."""
    record = _new(ParsedText)
    _setattr(record, "__dict__", {
        "id": id, "flow": flow, "nature": nature, "nor": nor, "eli": eli, "number": number,
        "title": title, "short_title": short_title, "ministry": ministry,
        "date_text": date_text, "date_publi": date_publi, "jo_number": jo_number,
        "jo_id": jo_id, "origine_publi": origine_publi, "page": page, "sequence": sequence,
        "notice": notice, "visas": visas, "articles": articles, "signatories": signatories,
        "cited": cited, "keywords": keywords,
    })
    return record


def new_notice(publics: str = "", objet: str = "", entree_en_vigueur: str = "", notice: str = "",
               references: str = "", application: str = "", origin: str = "") -> Notice:
    """``Notice(publics, objet, entree_en_vigueur, notice, references, application, origin)``."""
    record = _new(Notice)
    _setattr(record, "__dict__", {"publics": publics, "objet": objet,
                                  "entree_en_vigueur": entree_en_vigueur, "notice": notice,
                                  "references": references, "application": application,
                                  "origin": origin})
    return record
