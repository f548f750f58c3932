"""The faster ways a text's body is read give what the plain ways gave: a table row split
into its cells at its bars with ``str.split`` and ``str.strip`` instead of a pattern."""

from __future__ import annotations

import random
import re

from tests.analysis.test_reading_speedups import _texts
from vigie.analysis.territories.find import row_cells

_CELL_SPLIT = re.compile(r"\s*\|\s*")  # the pattern ``row_cells`` replaces
_PIECES = ["|", " | ", "  |  ", "| |", "a", "Baix", "Ardèche", " ", "\t", "\n", "\xa0", "\u2009",
           "\u3000", "\x1c", "\x1f", "\x85", "\u2028", "\u200b", "\ufeff", "16/11/2025", "é"]


def test_a_row_split_at_its_bars_gives_the_cells_the_pattern_gave():
    lines = [line for text in _texts() for line in text.splitlines()]
    rng = random.Random(11)
    lines += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 30)))
              for _ in range(20000)]
    lines += ["", "|", " | ", "a | | b", "| a |", " \xa0a\u3000|\x85b\x1c "]
    lines += [chr(code) + "|" + chr(code) + "x" + chr(code) for code in range(0x3001)]
    for line in lines:
        assert row_cells(line) == _CELL_SPLIT.split(line.strip()), repr(line)
