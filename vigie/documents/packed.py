"""The records a reading worker sends to the writing process (``parallel``), as plain tuples of
their values, and the same records made again on arrival.

Pickled as they are, frozen dataclasses each go through ``__reduce_ex__`` and a dict of their
fields, and are rebuilt field by field: an article, each item of a structure, a text's notice
and each text it cites. On the bench's delivery (20 000 records, as many structure items and
citations again), sending them so cost 0.18 s of processor time, the worker pickling, the
writing process unpickling. As tuples of their values (the nested records' as tuples too),
0.145 s, the writing process making the records again with ``parsing.records``'s builders:
the same records (equal, same fields in the same order). A record of another kind (a
sommaire) goes as it is.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import Any

from vigie.parsing.model import (
    CitedText,
    Notice,
    ParsedArticle,
    ParsedSection,
    ParsedStructure,
    ParsedText,
    StructItem,
)
from vigie.parsing.records import (
    new_article,
    new_cited_text,
    new_notice,
    new_section,
    new_struct_item,
    new_structure,
    new_text,
)


def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


# Each kind's tag, first in its tuple (a record is never a tuple: what is not one goes as is).
ARTICLE, STRUCTURE, SECTION, TEXT = range(4)
_ARTICLE = attrgetter(*_names(ParsedArticle))
_ITEM = attrgetter(*_names(StructItem))
_NOTICE = attrgetter(*_names(Notice))
_CITED = attrgetter(*_names(CitedText))
_TEXT_FIELDS = _names(ParsedText)
_TEXT = attrgetter(*_TEXT_FIELDS)
# Where a text's nested records sit among its values (after the tag).
_NOTICE_AT, _ARTICLES_AT, _CITED_AT = (1 + _TEXT_FIELDS.index(name)
                                       for name in ("notice", "articles", "cited"))


def packed(record: Any) -> Any:
    """What goes through the pipe for ``record`` (``unpacked`` makes it again)."""
    kind = type(record)
    if kind is ParsedArticle:
        return (ARTICLE, *_ARTICLE(record))
    if kind is ParsedStructure:
        return (STRUCTURE, record.text_id, tuple(map(_ITEM, record.items)))
    if kind is ParsedSection:
        return (SECTION, record.id, record.text_id, record.title,
                tuple(map(_ITEM, record.items)))
    if kind is ParsedText:
        values = [TEXT, *_TEXT(record)]
        values[_NOTICE_AT] = _NOTICE(record.notice)
        values[_ARTICLES_AT] = tuple(map(_ARTICLE, record.articles))
        values[_CITED_AT] = tuple(map(_CITED, record.cited))
        return tuple(values)
    return record


def unpacked(value: Any) -> Any:
    """The record ``packed`` gave ``value`` for (anything else as it is)."""
    if type(value) is not tuple:
        return value
    kind = value[0]
    if kind == ARTICLE:
        return new_article(*value[1:])
    if kind == STRUCTURE:
        return new_structure(value[1], _items(value[2]))
    if kind == SECTION:
        return new_section(value[1], value[2], value[3], _items(value[4]))
    values = list(value[1:])
    values[_NOTICE_AT - 1] = new_notice(*values[_NOTICE_AT - 1])
    values[_ARTICLES_AT - 1] = tuple([new_article(*a) for a in values[_ARTICLES_AT - 1]])
    values[_CITED_AT - 1] = tuple([new_cited_text(*c) for c in values[_CITED_AT - 1]])
    return new_text(*values)


def _items(items: tuple[tuple[str, str, str, str], ...]) -> tuple[StructItem, ...]:
    return tuple([new_struct_item(*item) for item in items])
