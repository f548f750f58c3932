"""``bulk.insert_lists`` (rows as lists in column order) stores what ``insert_rows`` stores
of the same values as dicts, and refuses columns it cannot send as they are."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from vigie.documents.bulk import insert_lists, insert_rows
from vigie.documents.models import Article, Document
from vigie.documents.waiting import ARTICLE_COLUMNS
from vigie.parsing.dispatch import parse_member

pytestmark = pytest.mark.django_db


def _fixture_articles() -> list[list]:
    """The fixture's articles, as the writer makes their rows (``ARTICLE_COLUMNS``)."""
    rows = []
    for path in sorted((FIXTURES / "global").rglob("*.xml")):
        if "/article/" in path.as_posix():
            record = parse_member(path.name, path.read_bytes())
            rows.append([record.id + str(len(rows)), record.text_id, record.num, len(rows),
                         record.html, record.text, record.eli, "JORF_x.tar.gz", path.name])
    assert len(rows) > 10
    return rows


def _stored() -> list[tuple]:
    return sorted(Article.objects.values_list(*ARTICLE_COLUMNS))


def test_lists_store_what_dicts_store():
    rows = _fixture_articles()
    insert_rows(Article, [dict(zip(ARTICLE_COLUMNS, row, strict=True)) for row in rows])
    expected = _stored()
    Article.objects.all().delete()
    insert_lists(Article, ARTICLE_COLUMNS, rows)
    assert _stored() == expected


def test_lists_need_every_plain_column():
    with pytest.raises(ValueError):
        insert_lists(Article, ARTICLE_COLUMNS[:-1], [["x"] * 8])
    with pytest.raises(ValueError):  # a date column needs adapting
        insert_lists(Document, ("uid", "date_text"), [["x", None]])
