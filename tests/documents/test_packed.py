"""What a reading worker sends for a record (``documents.packed``) makes the same record again in
the writing process: same class, equal (nested records of their classes too), same fields in
the same order, and, but for the strings a record shares with itself (which a pipe does not
keep either way), the same pickle; for every
record parsed from the fixtures, the real corpus (when ../shared is present) and JORFSIMPLE
texts with their inline articles; and through a worker's batch (``parallel._shipped``,
``_received``)."""

from __future__ import annotations

import dataclasses
import pickle
import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from tests.conftest import FIXTURES
from tests.parsing.conftest import corpus_files
from vigie.demo.factory import random_text, texte_xml
from vigie.documents import parallel
from vigie.documents.packed import packed, unpacked
from vigie.parsing.dispatch import parse_member
from vigie.parsing.model import (
    CitedText,
    Notice,
    ParsedArticle,
    ParsedSection,
    ParsedSommaire,
    ParsedStructure,
    ParsedText,
    ParseError,
    StructItem,
)
from vigie.sources.members import new_member


def _same(made: Any, record: Any, *, piped: bool = False) -> None:
    assert type(made) is type(record)
    assert made == record and hash(made) == hash(record)
    if dataclasses.is_dataclass(record):
        assert list(vars(made)) == [f.name for f in dataclasses.fields(record)]
    if not piped:
        assert pickle.dumps(made) == pickle.dumps(record)


def _parsed() -> Iterator[tuple[str, bytes, Any]]:
    for path in sorted(FIXTURES.rglob("*.xml")) + corpus_files():
        data = path.read_bytes()
        try:
            yield path.name, data, parse_member(path.name, data)
        except ParseError:
            continue
    rng = random.Random(13)
    for index in range(20):  # JORFSIMPLE: articles inline, notice, signatories
        data = texte_xml(random_text(rng, index))
        yield f"{index}.xml", data, parse_member(f"{index}.xml", data)


def test_every_parsed_record_comes_back_the_same() -> None:
    kinds = set()
    for _, _, record in _parsed():
        value = packed(record)
        _same(unpacked(value), record)
        _same(unpacked(pickle.loads(pickle.dumps(value))), record, piped=True)
        kinds.add(type(record))
        if isinstance(record, ParsedText) and record.articles:
            kinds.add("inline")
    assert kinds >= {ParsedArticle, ParsedText, ParsedStructure, ParsedSection,
                     ParsedSommaire, "inline"}


def test_hand_made_records_with_every_field_set() -> None:
    article = ParsedArticle("A", "T", "1", "<p>é</p>", "é", "eli")
    notice = Notice("p", "o", "e", "n", "r", "a", "visas")
    cited = CitedText("C", "CITATION", "LOI", "NOR", "12", date(2026, 1, 2), "Titre", "T2")
    text = ParsedText("T", "jorfsimple", "DECRET", "NOR", "eli", "12", "Titre", "Court", "Min",
                      date(2026, 1, 1), date(2026, 1, 3), "0001", "JORFCONT1", "JORF n°1",
                      "12", 4, notice, "Vu", (article,), ("Fait le",), (cited,), ("MC",))
    items = (StructItem("article", "A", "1"), StructItem("section", "S", title="Titre"))
    for record in (article, text, ParsedStructure("T", items),
                   ParsedSection("S", "T", "Titre", items), ParsedText("T", "jorf"),
                   ParsedStructure("T", ()), None):
        _same(unpacked(packed(record)), record)


def test_a_workers_batch_comes_back_as_one_process_reads_it() -> None:
    where = ("/x/JORF_20260923-011003.tar.gz", "JORF_20260923-011003.tar.gz")
    batch, outcomes = [], []
    for name, data, record in _parsed():
        batch.append(new_member(*where, name, data))
        outcomes.append((record, ""))
    shipped = pickle.loads(pickle.dumps(parallel._shipped(batch, outcomes, where)))
    received = list(parallel._received(shipped, Path(where[0])))
    assert len(received) == len(batch)
    for (item, size, record, error), member, (parsed, _) in zip(received, batch, outcomes,
                                                                strict=True):
        assert (item.name, item.data, size, error) == (member.name, b"", len(member.data), "")
        _same(record, parsed, piped=True)
