"""The builders of vigie.parsing.records make the very records their classes make: same
parameters and defaults as the dataclass, same fields in the same order, equal, same hash and
same pickle; on hand-made values and on every record parsed from the fixtures and the real
corpus (skipped when ../shared is absent)."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.parsing.conftest import corpus_files
from vigie.parsing.dispatch import parse_member
from vigie.parsing.model import (
    CitedText,
    Notice,
    ParsedArticle,
    ParsedSection,
    ParsedStructure,
    ParsedText,
    ParseError,
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

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BUILDERS: list[tuple[Callable[..., Any], type]] = [
    (new_article, ParsedArticle), (new_struct_item, StructItem),
    (new_cited_text, CitedText), (new_text, ParsedText), (new_notice, Notice),
    (new_structure, ParsedStructure), (new_section, ParsedSection),
]


def _same(built: Any, made: Any) -> None:
    assert type(built) is type(made)
    assert built == made and hash(built) == hash(made)
    assert list(vars(built)) == [f.name for f in dataclasses.fields(made)]
    assert pickle.dumps(built) == pickle.dumps(made)
    assert pickle.loads(pickle.dumps(built)) == made


@pytest.mark.parametrize(("builder", "cls"), BUILDERS)
def test_parameters_are_the_fields(builder: Callable[..., Any], cls: type) -> None:
    parameters = inspect.signature(builder).parameters
    fields = dataclasses.fields(cls)
    assert list(parameters) == [f.name for f in fields]
    for f in fields:
        default = parameters[f.name].default
        if default is not inspect.Parameter.empty:
            assert default == f.default
    assert not hasattr(cls, "__post_init__")


def test_hand_made_values() -> None:
    article = new_article("A", "T", "1", "<p>x</p>", "x")
    _same(article, ParsedArticle("A", "T", "1", "<p>x</p>", "x"))
    _same(new_struct_item("section", "S", title="Titre"),
          StructItem(kind="section", id="S", title="Titre"))
    _same(new_cited_text("C", "CITATION", date=date(2026, 1, 2)),
          CitedText("C", "CITATION", date=date(2026, 1, 2)))
    values = {f.name: getattr(ParsedText(id="T", flow="jorf"), f.name)
              for f in dataclasses.fields(ParsedText)}
    values.update(notice=Notice(objet="o", origin="notice"), articles=(article,),
                  signatories=("Fait le",), sequence=3, date_text=date(2026, 9, 1))
    _same(new_text(**values), ParsedText(**values))
    _same(new_notice(objet="o", origin="visas"), Notice(objet="o", origin="visas"))
    _same(new_notice(), Notice())
    items = (StructItem("article", "A", "1"),)
    _same(new_structure("T", items), ParsedStructure("T", items))
    _same(new_section("S", "T", "Titre", items), ParsedSection("S", "T", "Titre", items))


def _records() -> Iterator[Any]:
    for path in sorted(FIXTURES.rglob("*.xml")) + corpus_files():
        try:
            record = parse_member(path.name, path.read_bytes())
        except ParseError:
            continue
        yield record
        yield from getattr(record, "articles", ())
        yield from getattr(record, "cited", ())
        if isinstance(record, ParsedText):
            yield record.notice
        if isinstance(record, ParsedStructure):
            yield from record.items


def test_parsed_records_are_the_class_made_ones() -> None:
    builders = {cls: builder for builder, cls in BUILDERS}
    seen = set()
    for record in _records():
        builder = builders.get(type(record))
        if builder is not None:
            values = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
            _same(record, type(record)(**values))
            _same(builder(**values), record)
            seen.add(type(record))
    assert seen >= {ParsedArticle, ParsedText, ParsedStructure, ParsedSection}
