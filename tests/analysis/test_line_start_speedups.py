"""Shortcuts of the thirty-fifth session find exactly what the plain patterns find.

Patterns that start at a line start read from the line break before it (``from_line_start``),
a département heading looked for in short lines only, sentences cut from the space between
them, an abbreviation read at the end of a sentence: each is checked against the plain way on
the texts of the test deliveries and on made-up edge cases.
"""

from __future__ import annotations

import random
import re

import pytest

from tests.analysis.test_reading_speedups import _texts
from vigie.analysis.engine import _ANNEXES
from vigie.analysis.essentials import _ABBREVIATION, _ABBREVIATION_SPAN, _END, _SENTENCE_END
from vigie.analysis.normalize import from_line_start
from vigie.analysis.records import _NOTICE_LINE
from vigie.analysis.territories.tables import _HEADING, departement_cell, departement_heading
from vigie.reference.geography import load_geo

PLAIN_ANNEXES = re.compile(r"^\s*ANNEXES?\b", re.MULTILINE)
PLAIN_END = re.compile(r"^\s*(?:ANNEXES?\b|Annexes?\s*$|Fait (?:le|à) )", re.MULTILINE)
PLAIN_NOTICE = re.compile(
    r"^\s*(Publics? concernés?|Objet|Entrée en vigueur|Notice|Références|Application)\s*:\s*(.+)$",
    re.IGNORECASE | re.MULTILINE,
)
LINES = ["ANNEXE", "ANNEXES I", "Annexe", "Annexes ", "Fait à Paris", "Fait le 3", "  ",
         "Objet : x", "objet:", "\tPUBLIC CONCERNÉ : y", "Notice :", "", "texte ANNEXE",
         "Références : z", "ANNEXEX", "\xa0Application : w", "Entrée en vigueur :\n\n a"]


def _edges(count: int = 3000) -> list[str]:
    chance = random.Random(35)
    return ["\n".join(chance.choice(LINES) for _ in range(chance.randint(0, 6)))
            for _ in range(count)]


def test_line_start_patterns_find_what_the_plain_ones_find():
    for text in [*_texts(), *_edges()]:
        found = _ANNEXES.search("\n" + text)
        plain = PLAIN_ANNEXES.search(text)
        assert (found and found.start()) == (plain and plain.start())
        found, plain = _END.search("\n" + text), PLAIN_END.search(text)
        assert (found and found.start()) == (plain and plain.start())
        assert ([m.groups() for m in _NOTICE_LINE.finditer("\n" + text)]
                == [m.groups() for m in PLAIN_NOTICE.finditer(text)])


def test_only_a_line_start_pattern_is_read_from_the_line_break():
    assert from_line_start(PLAIN_ANNEXES).pattern.startswith("\n")
    for pattern in (re.compile(r"^a"), re.compile(r"(?m)a"), re.compile(r"(?m)^a|^b"),
                    re.compile(r"(?m)^(?<=x)a")):
        with pytest.raises(ValueError):
            from_line_start(pattern)


def test_a_heading_is_looked_for_where_the_pattern_finds_one():
    geo = load_geo()
    lines = [line for text in _texts() for line in text.splitlines()]
    for length in range(50, 80):
        lines += ["Département du Cher" + "x" * (length - 19), "\xa0" * 3 + "Cher" + "y" * length,
                  "Cher" + "z" * length, "18 - Cher" + " " * length, "Département du Cher  "]
    for line in lines:
        plain = departement_cell(geo, line) if _HEADING.match(line) else None
        assert departement_heading(geo, line) == plain


def test_sentences_are_cut_where_the_plain_pattern_cuts_them():
    plain = re.compile(r"(?<=[.;!?])\s+(?=[A-ZÀÂÉÈÊÎÔÛ«(])")
    chance = random.Random(35)
    words = ["a.", "B", ";", "Le", "x?", "(y", "«z", "!", "É", ". ", "M.", "\xa0", "\t"]
    texts = [line for text in _texts() for line in text.splitlines()] + [
        " ".join(chance.choice(words) for _ in range(10)) for _ in range(3000)]
    for text in texts:
        text = " ".join(text.split())  # as ``_sentences`` reads it
        assert _SENTENCE_END.split(text) == plain.split(text)


def test_an_abbreviation_is_read_at_the_end_of_a_sentence():
    chance = random.Random(35)
    words = ["M", "MM", "Mme", "Mmes", "Mlle", "Dr", "art", "cf", "n", "Ste", ".", " ", "x",
             "\xa0", "\n", "a."]
    for _ in range(20000):
        text = "".join(chance.choice(words) for _ in range(chance.randint(0, 7)))
        assert (bool(_ABBREVIATION.search(text[-_ABBREVIATION_SPAN:]))
                == bool(_ABBREVIATION.search(text)))
