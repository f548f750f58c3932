"""Every real DILA file of ../shared/corpus/jorf parses into the right record, cleanly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vigie.parsing.dispatch import parse_member
from vigie.parsing.html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from vigie.parsing.model import (
    ParsedArticle,
    ParsedSection,
    ParsedSommaire,
    ParsedStructure,
    ParsedText,
)

from .conftest import SKIP_REASON

pytestmark = pytest.mark.shared

_TAG = re.compile(r"<(/?)([^\s/>]+)([^>]*)>")
_ATTRIBUTE = re.compile(r'\s([^\s=]+)="')
_EXPECTED = {
    "JORFTEXT": (ParsedText, ParsedStructure),
    "JORFARTI": (ParsedArticle,),
    "JORFSCTA": (ParsedSection,),
    "JORFCONT": (ParsedSommaire,),
}


def _record_id(record: object) -> str:
    return record.text_id if isinstance(record, ParsedStructure) else record.id


def _check_html(html: str) -> None:
    for _closing, name, attributes in _TAG.findall(html):
        assert name in ALLOWED_TAGS, name
        assert set(_ATTRIBUTE.findall(attributes)) <= ALLOWED_ATTRIBUTES, attributes


def _check_text(text: str) -> None:
    # Internal marks (control characters) never leak; the only control character is "\n".
    assert all(line.isprintable() for line in text.split("\n"))
    for line in text.split("\n"):
        assert line and line == line.strip()
        assert "  " not in line.replace(" |  | ", " | | ")  # only empty cells make double spaces
        assert "\t" not in line and "\xa0" not in line


def test_every_real_file_parses(corpus_path: Path | None) -> None:
    if corpus_path is None:
        pytest.skip(SKIP_REASON)
    record = parse_member(corpus_path.name, corpus_path.read_bytes())
    record_id = _record_id(record)
    assert record_id in corpus_path.name
    assert isinstance(record, _EXPECTED[record_id[:8]])
    articles = record.articles if isinstance(record, ParsedText) else ()
    if isinstance(record, ParsedArticle):
        articles = (record,)
    for article in articles:
        assert article.id.startswith("JORFARTI")
        _check_html(article.html)
        _check_text(article.text)
        assert article.text  # every real article has a body
    if isinstance(record, ParsedText):
        for text in (record.visas, *record.signatories):
            if text:
                _check_text(text)
