"""The stored texts and articles a delivery meets again, as plain values: a re-delivery
compares thousands of them with what it brings, and building an ORM object for each (and
decoding each JSON column) cost more than the comparison itself."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, make_dataclass
from typing import Any

from django.db.models import F, TextField
from django.db.models.functions import Cast

from vigie.documents.anyof import Compiled
from vigie.documents.fields import JSON_FIELDS, TEXT_FIELDS, Encoded, decoded
from vigie.documents.models import Article, Document, Section


@dataclass(slots=True)
class StoredArticle:
    """What writing an article reads and may write of its stored row: the attributes
    ``bulk.update_columns`` writes (``store.ARTICLE_FIELDS``) and ``pk``."""

    pk: int
    article_id: str
    text_uid: str
    num: str
    html: str
    text: str
    eli: str
    delivery: str
    member: str
    position: int

    def same(self, text_uid: str, num: str, html: str, text: str, eli: str) -> bool:
        """Whether the stored fields a delivery sets are these (``==`` each, as comparing the
        ORM object's attributes did)."""
        return (self.text_uid == text_uid and self.num == num and self.html == html
                and self.text == text and self.eli == eli)


_COLUMNS = ("id", "article_id", "text_uid", "num", "html", "text", "eli", "delivery", "member",
            "position")


_ARTICLES = Compiled(lambda ids: Article.objects.filter(article_id__anyof=ids)
                     .values_list(*_COLUMNS))


def stored_articles(ids: Iterable[str]) -> dict[str, StoredArticle]:
    """The stored articles among ``ids``, by article id, in one query."""
    return {row[1]: StoredArticle(*row) for row in _ARTICLES.rows(ids)}


@dataclass(slots=True)
class StoredSection:
    """A stored section as assembly orders its text and ``outline.write_sections`` compares
    and writes it (``items`` decoded, as the ORM object holds them)."""

    pk: int
    section_id: str
    text_uid: str
    title: str
    items: Any


def _sections(**lookup: Any) -> Any:
    return Section.objects.filter(**lookup).values_list("id", "section_id", "text_uid",
                                                        "title", "items")


_SECTIONS = Compiled(lambda ids: _sections(section_id__anyof=ids))
_SECTIONS_OF = Compiled(lambda uids: _sections(text_uid__anyof=uids))


def stored_sections(ids: Iterable[str]) -> dict[str, StoredSection]:
    """The stored sections among ``ids``, by section id, in one query."""
    return {row[1]: StoredSection(*row) for row in _SECTIONS.rows(ids)}


def sections_of(uids: Iterable[str]) -> list[StoredSection]:
    """The stored sections of these texts, in one query."""
    return [StoredSection(*row) for row in _SECTIONS_OF.rows(uids)]


# What writing a text reads and may write of its stored row: ``pk`` for ``update_columns`` and
# ``record``, the fields the writer compares and writes (``store.WRITTEN_FIELDS``).
_TEXT_COLUMNS = ("id", "uid", "status", "delivery", "member", "content_hash", "version",
                 *TEXT_FIELDS)


def _pk(self: Any) -> int:
    return self.id


# The JSON columns hold their stored text (``RawJson``) until a comparison needs more.
StoredText = make_dataclass("StoredText", _TEXT_COLUMNS, slots=True,
                            namespace={"pk": property(_pk)})


class RawJson(Encoded):
    """A JSON column's stored text: on SQLite what was written, on PostgreSQL the jsonb's
    text (what the ORM decodes). Already JSON: written back as it is, were it written."""


def _texts(uids: Any) -> Any:
    """The query of ``stored_texts``: JSON columns read as their text."""
    raw = {f"raw_{key}": Cast(F(key), output_field=TextField()) for key in JSON_FIELDS}
    names = [f"raw_{key}" if key in JSON_FIELDS else key for key in _TEXT_COLUMNS]
    return Document.objects.filter(uid__anyof=uids).annotate(**raw).values_list(*names)


_TEXTS = Compiled(_texts)


def stored_texts(uids: Iterable[str]) -> dict[str, Any]:
    """The stored texts among ``uids`` (every status), by uid, in one query; their JSON
    columns as their text, not decoded."""
    texts = {}
    for row in _TEXTS.rows(uids):
        text = StoredText(*row)
        for key in JSON_FIELDS:
            value = getattr(text, key)
            setattr(text, key, None if value is None else RawJson(value))
        texts[text.uid] = text
    return texts


def same_value(stored: Any, value: Any) -> bool:
    """Whether a stored field holds ``value`` (JSON columns: ``Encoded``), as comparing the
    ORM object's decoded attribute with the decoded value said. The same JSON text decodes
    to the same value, so equal texts need no decoding; otherwise (jsonb orders keys its
    own way) both are decoded and compared."""
    if isinstance(stored, RawJson):
        return stored == value or _loaded(stored) == decoded(value)
    return stored == decoded(value)


def _loaded(text: str) -> Any:
    """A JSON column's value as the ORM reads it (``JSONField.from_db_value``)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text
