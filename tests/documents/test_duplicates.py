"""The memory of a delivery's records (``documents.duplicates``): a few bytes a record, so that
a history of millions of files stays within the ingest's memory, and every duplicate found."""

from __future__ import annotations

import tracemalloc

from vigie.documents.duplicates import Duplicates
from vigie.parsing.model import ParsedArticle, ParsedStructure

RECORDS = 150_000


def _article(number: int) -> ParsedArticle:
    return ParsedArticle(f"JORFARTI{number:012d}", "JORFTEXT000000000001", "1", "", "", "")


def test_a_record_costs_a_dozen_bytes_and_every_duplicate_is_found():
    articles = [_article(n) for n in range(RECORDS)]  # (made before the measure)
    tracemalloc.start()
    try:
        duplicates = Duplicates()
        firsts = sum(duplicates.seen("a.xml", record) == "" for record in articles)
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert firsts == RECORDS
    # A set of hashes held some 75 bytes a record (225 MB for three million files).
    assert held < 12 * RECORDS, f"{held / RECORDS:.1f} octets par élément"
    for number in (0, RECORDS // 2, RECORDS - 1):
        message = duplicates.seen("b/again.xml", _article(number))
        assert message.startswith(f"b/again.xml : l'article JORFARTI{number:012d} figure déjà")
    assert duplicates.seen("c/new.xml", _article(RECORDS)) == ""


def test_the_same_id_of_another_kind_is_not_a_duplicate():
    duplicates = Duplicates()
    structure = ParsedStructure("JORFARTI000000000007", ())
    assert duplicates.seen("a.xml", _article(7)) == ""
    assert duplicates.seen("b.xml", structure) == ""
    assert "la structure du texte" in duplicates.seen("c.xml", structure)
    assert duplicates.seen("d.xml", None) == ""
